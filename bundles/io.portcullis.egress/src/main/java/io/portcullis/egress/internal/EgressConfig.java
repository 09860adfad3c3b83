package io.portcullis.egress.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the egress guard, PID {@value #PID}; optional: every setting has a safe default. */
@ObjectClassDefinition(name = "Portcullis egress", description = "The SSRF guard in front of plugins' outbound HTTP.")
public @interface EgressConfig {

    String PID = "io.portcullis.egress";

    @AttributeDefinition(
            description = "Largest response body returned to a plugin, in bytes (decoded), 1.."
                    + EgressSettings.MAX_BODY + "; larger responses fail as TOO_LARGE.")
    long maxResponseBytes() default 1024 * 1024;

    @AttributeDefinition(
            description = "Longest wait for a TCP connection, in milliseconds, 1.." + EgressSettings.MAX_CONNECT_MILLIS
                    + "; the call's deadline bounds it too.")
    long connectTimeoutMillis() default 5000;

    @AttributeDefinition(
            description = "Redirects followed per request, 0.." + EgressSettings.MAX_REDIRECTS
                    + "; each is checked like the first hop.")
    int maxRedirects() default 5;

    @AttributeDefinition(
            description = "Largest streamed response body, in bytes (decoded), 1.." + StreamLimits.MAX_BYTES
                    + "; a longer stream fails as TOO_LARGE.")
    long maxStreamBytes() default 8L * 1024 * 1024;

    @AttributeDefinition(
            description = "Longest silence of a streamed response, in milliseconds, 1.."
                    + StreamLimits.MAX_IDLE_MILLIS + "; a longer one fails as TIMEOUT (the call's deadline bounds"
                    + " the whole stream too).")
    long streamIdleMillis() default 30_000;

    @AttributeDefinition(
            description = "Longest line of a streamed response, in bytes, 1.." + StreamLimits.MAX_LINE
                    + "; a longer line fails as TOO_LARGE.")
    int maxStreamLineBytes() default 1024 * 1024;

    @AttributeDefinition(
            description = "Private endpoints: origins on the server's own machine or network that one"
                    + " plugin each may reach, as pluginId=scheme://host:port, comma-separated (e.g."
                    + " io.portcullis.model.ollama=http://127.0.0.1:11434). Exact origins only; no workspace setting can"
                    + " open loopback or the server's own addresses, and link-local or metadata addresses open to no one."
                    + " Each load is recorded on the platform audit chain.")
    String[] privateEndpoints() default {};
}
