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

    /**
     * Sends {@code request} and hands the response to {@code sink} line by line as it arrives, with the
     * checks of {@link #send} (pinning, redirects, credential injection), the call's deadline, an idle
     * timeout between bytes and a cap on the whole body. A credential is scrubbed from each line whole,
     * so a value split across network packets is still caught. Returns when the body ended or the sink
     * said stop.
     *
     * <p>The default reads the whole response with {@link #send} and then splits it: right, but not
     * streamed; the core's client streams.
     *
     * @throws EgressException as {@link #send}; {@link EgressException.Reason#TIMEOUT} also when the
     *     server stays silent longer than the idle timeout
     */
    default void stream(EgressRequest request, EgressStreamSink sink) throws EgressException {
        EgressResponse response = send(request);
        sink.open(response.status(), response.headers());
        String body = response.bodyText();
        int from = 0;
        while (from < body.length()) {
            int end = body.indexOf('\n', from);
            int next = end < 0 ? body.length() : end + 1;
            String line = body.substring(from, end < 0 ? body.length() : end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!sink.line(line)) {
                return;
            }
            from = next;
        }
    }
}
