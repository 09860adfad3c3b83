package io.portcullis.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP server, PID {@code io.portcullis.web} ({@code config/io.portcullis.web.cfg}). */
@ObjectClassDefinition(name = "Portcullis web", description = "The embedded HTTP server of Portcullis.")
@interface WebConfig {

    @AttributeDefinition(description = "Address to listen on; PORTCULLIS_HTTP_HOST overrides it.")
    String host() default WebSettings.DEFAULT_HOST;

    @AttributeDefinition(description = "TCP port, 0 for any free port; PORTCULLIS_HTTP_PORT overrides it.")
    int port() default WebSettings.DEFAULT_PORT;

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger bodies answer 413.")
    long maxBodyBytes() default WebSettings.DEFAULT_MAX_BODY_BYTES;

    @AttributeDefinition(
            description = "Seconds a request body may take to arrive in full; a slower one is cut"
                    + " off with 408 (1..3600).")
    int requestBodyTimeoutSeconds() default WebSettings.DEFAULT_BODY_TIMEOUT_SECONDS;

    @AttributeDefinition(description = "Health checks that must pass before /health/ready answers 200.")
    String[] requiredChecks() default {"database"};

    @AttributeDefinition(
            description = "Requests per minute per authenticated caller, by rate class (the caller's"
                    + " role): class=limit entries; 'default' covers every other class.")
    String[] rateLimits() default {
        "owner=1200", "admin=1200", "operator=600", "viewer=300", "platform=1200", "default=300"
    };

    @AttributeDefinition(
            description = "Requests per minute per client address for requests without a valid"
                    + " credential: public routes under /api/ and refused credentials (never /health/).")
    int anonymousRatePerMinute() default RateLimits.DEFAULT_ANONYMOUS_PER_MINUTE;
}
