package io.portcullis.tools.internal.invoke;

import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.EgressStreamSink;
import org.jspecify.annotations.Nullable;

/**
 * A call's egress client that remembers the first send or stream the guard refused: the plugin may swallow the
 * {@link EgressException} and answer as if nothing happened, but the call's record must still say that
 * it tried to reach what it may not.
 */
final class WatchedEgress implements EgressClient {

    private final EgressClient client;
    private volatile @Nullable String refusal;

    WatchedEgress(EgressClient client) {
        this.client = client;
    }

    @Override
    public EgressResponse send(EgressRequest request) throws EgressException {
        try {
            return client.send(request);
        } catch (EgressException e) {
            throw watched(e);
        }
    }

    /** The guard's own stream (not the interface's buffering default), watched like {@link #send}. */
    @Override
    public void stream(EgressRequest request, EgressStreamSink sink) throws EgressException {
        try {
            client.stream(request, sink);
        } catch (EgressException e) {
            throw watched(e);
        }
    }

    private EgressException watched(EgressException e) {
        if (e.reason() == EgressException.Reason.REFUSED && refusal == null) {
            refusal = e.getMessage() == null ? "refused" : e.getMessage(); // names no secret (SPI)
        }
        return e;
    }

    /** Why the first refused send was refused, or null if none was. */
    @Nullable String refusal() {
        return refusal;
    }
}
