package io.portcullis.egress.internal;

import io.portcullis.spi.EgressException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How {@link HttpHop} takes a response's body once its status and headers are known: read whole, for
 * {@code send} ({@link #whole}), or handed on line by line, for {@code stream} ({@link LineReading}).
 */
interface Reading {

    /** How long one read may wait for the next byte, given the call's {@code remaining} time. */
    Duration readTimeout(Duration remaining);

    /** The failure when a read waited {@code waited} for nothing, the call's deadline not yet passed. */
    EgressException silence(Target target, Duration waited);

    /**
     * Takes the body of {@code head} (status and headers as the server sent them, no body yet).
     *
     * @param declaredLength the declared length, negative when unknown
     * @param body the body, already decoded
     * @return the body to keep, or null when the reader has what it wants and the connection is dropped
     */
    byte @Nullable [] take(Response head, long declaredLength, InputStream body) throws IOException, EgressException;

    /** The whole body, at most {@code cap} bytes decoded; more is TOO_LARGE. */
    static Reading whole(long cap) {
        return new Reading() {
            @Override
            public Duration readTimeout(Duration remaining) {
                return remaining;
            }

            @Override
            public EgressException silence(Target target, Duration waited) {
                return Deadline.timeout();
            }

            @Override
            public byte[] take(Response head, long declaredLength, InputStream body)
                    throws IOException, EgressException {
                if (declaredLength > cap) {
                    throw BodyReader.tooLarge(cap);
                }
                return BodyReader.readAll(body, cap);
            }
        };
    }
}
