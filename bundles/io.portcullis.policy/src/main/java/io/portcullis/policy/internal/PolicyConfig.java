package io.portcullis.policy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the plugin gate, PID {@value #PID}; optional: every setting has a default. */
@ObjectClassDefinition(
        name = "Portcullis policy",
        description = "The plugin gate: deploy folder, uploads, grantable scopes.")
public @interface PolicyConfig {

    String PID = "io.portcullis.policy";

    @AttributeDefinition(description = "Milliseconds between two looks at the deploy folder, 50..60000.")
    long deployPollMillis() default 250;

    @AttributeDefinition(
            description =
                    "Largest plugin jar accepted by upload or from the deploy folder, in bytes, 1024..1073741824.")
    long maxPluginBytes() default 32L * 1024 * 1024;

    @AttributeDefinition(
            description = "Scopes grantable on this server beyond the catalogue's grantable ones; "
                    + "only net.raw is not grantable by default. Scopes of features not available yet (see GET /api/v1/scopes) "
                    + "cannot be named here.")
    String[] extraGrantableScopes() default {};

    @AttributeDefinition(
            description = "Seconds a grant waits for the plugin's host to be ready, 1..600; the hosts' own "
                    + "startTimeoutSeconds (io.portcullis.hosts) normally fails a slow start first.")
    long hostStartWaitSeconds() default 60;
}
