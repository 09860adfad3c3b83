package io.portcullis.egress.internal;

import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.EgressStreamSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Reading} of a stream: the final response's status and headers (scrubbed) to the sink,
 * then its body line by line as bytes arrive. A line is assembled whole before it is scrubbed, so a
 * credential the server split over several packets is still caught. A redirect's body is not read
 * (its connection is dropped). Bounds: {@link StreamLimits} (whole body, line, silence between reads).
 */
final class LineReading implements Reading {

    private final EgressStreamSink sink;
    private final Scrubber scrubber;
    private final StreamLimits limits;

    LineReading(EgressStreamSink sink, Scrubber scrubber, StreamLimits limits) {
        this.sink = sink;
        this.scrubber = scrubber;
        this.limits = limits;
    }

    @Override
    public Duration readTimeout(Duration remaining) {
        return remaining.compareTo(limits.idle()) < 0 ? remaining : limits.idle();
    }

    @Override
    public EgressException silence(Target target, Duration waited) {
        return new EgressException(
                Reason.TIMEOUT, "host '" + target.host().name() + "' sent nothing for " + waited.toMillis() + " ms");
    }

    @Override
    public byte @Nullable [] take(Response head, long declaredLength, InputStream body)
            throws IOException, EgressException {
        if (Hop.redirects(head)) {
            return null;
        }
        if (declaredLength > limits.maxBytes()) {
            throw tooLarge();
        }
        SinkFailure.run(() -> sink.open(head.status(), scrubber.headers(head.headers())));
        return lines(body) ? new byte[0] : null;
    }

    /** Hands on each line of {@code in}; false when the sink said stop. */
    private boolean lines(InputStream in) throws IOException, EgressException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > limits.maxBytes()) {
                throw tooLarge();
            }
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, from, i - from);
                    if (!deliver(line)) {
                        return false;
                    }
                    line.reset();
                    from = i + 1;
                }
            }
            line.write(buffer, from, n - from);
            if (line.size() > limits.maxLineBytes() + 1) { // one more: a '\r' whose '\n' is yet to come
                throw lineTooLong();
            }
        }
        return line.size() == 0 || deliver(line);
    }

    /** The line in {@code bytes} without its '\r', decoded, scrubbed, to the sink. */
    private boolean deliver(ByteArrayOutputStream bytes) throws EgressException {
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        if (length > limits.maxLineBytes()) {
            throw lineTooLong();
        }
        String line = scrubber.text(new String(raw, 0, length, StandardCharsets.UTF_8));
        return SinkFailure.ask(() -> sink.line(line));
    }

    private EgressException tooLarge() {
        return new EgressException(Reason.TOO_LARGE, "the streamed response exceeds " + limits.maxBytes() + " bytes");
    }

    private EgressException lineTooLong() {
        return new EgressException(
                Reason.TOO_LARGE, "a line of the streamed response exceeds " + limits.maxLineBytes() + " bytes");
    }

    /**
     * What the plugin's own sink threw, carried through the HTTP client to be thrown back to the plugin
     * unchanged (it is not a failure of the guard).
     */
    static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(RuntimeException cause) {
            super(cause);
        }

        RuntimeException plugin() {
            return (RuntimeException) getCause();
        }

        static void run(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }

        static boolean ask(java.util.function.BooleanSupplier call) {
            try {
                return call.getAsBoolean();
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }
    }
}
