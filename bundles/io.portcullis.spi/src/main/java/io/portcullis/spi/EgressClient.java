package io.portcullis.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Outbound HTTP for plugins, through the core's guard: only {@code http} and {@code https}, only to
 * public addresses or hosts the workspace allowed, a pinned connection, redirects checked again,
 * timeouts and a response-size cap. Credentials go in by {@link CredentialRef}; the guard injects
 * the value and scrubs it from the response.
 *
 * <p>Thread-safe. {@link #send} blocks until the response is read or the call's deadline passes.
 */
@ProviderType
public interface EgressClient {

    /**
     * Sends {@code request} and reads the whole response.
     *
     * @throws EgressException when the guard refuses the request, the connection fails, the deadline
     *     passes or the response is too large
     */
    EgressResponse send(EgressRequest request) throws EgressException;
}
