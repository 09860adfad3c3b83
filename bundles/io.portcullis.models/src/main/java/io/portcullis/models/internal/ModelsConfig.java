package io.portcullis.models.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the model calls, PID {@value #PID}; optional: every setting has a default. */
@ObjectClassDefinition(name = "Portcullis models", description = "The metered model path: its deadline and pool.")
public @interface ModelsConfig {

    String PID = "io.portcullis.models";

    @AttributeDefinition(description = "Seconds a model call may take, streaming included, 1..3600.")
    long callTimeoutSeconds() default 120;

    @AttributeDefinition(description = "Model calls running at once, 1..1024.")
    int threads() default 64;

    @AttributeDefinition(description = "Model calls waiting for a thread before new ones are refused (409), 0..10000.")
    int queue() default 64;

    @AttributeDefinition(
            description = "Hold streamed text back to its last whitespace (at most 1024 characters), so that a secret"
                    + " split across deltas is still redacted whole; off: each delta goes out at once, redacted alone.")
    boolean holdBackDeltas() default true;

    @AttributeDefinition(
            description = "Times a call is tried again when the provider answers 429 or 5xx before any output"
                    + " (waiting its Retry-After, within the deadline), 0..5; 0: never.")
    int maxRetries() default 0;

    @AttributeDefinition(description = "Seconds between sweeps of reservations left by crashed calls, 10..3600.")
    long sweepSeconds() default 60;
}
