package io.portcullis.egress.internal;

import java.time.Duration;

/**
 * The bounds of one streamed response ({@link io.portcullis.spi.EgressClient#stream}), besides the
 * call's deadline.
 *
 * @param maxBytes     the whole body, decoded; more is TOO_LARGE
 * @param idle         the longest silence between two reads; longer is TIMEOUT
 * @param maxLineBytes the longest line, without its terminator; longer is TOO_LARGE
 */
public record StreamLimits(long maxBytes, Duration idle, int maxLineBytes) {

    static final long MAX_BYTES = 1024L * 1024 * 1024;
    static final long MAX_IDLE_MILLIS = 600_000;
    static final int MAX_LINE = 16 * 1024 * 1024;

    static final StreamLimits DEFAULT = of(8L * 1024 * 1024, 30_000, 1024 * 1024);

    /** Validates, failing with a message that names the property to fix. */
    static StreamLimits of(long maxBytes, long idleMillis, int maxLineBytes) {
        if (maxBytes < 1 || maxBytes > MAX_BYTES) {
            throw EgressSettings.invalid("maxStreamBytes", "1.." + MAX_BYTES, maxBytes);
        }
        if (idleMillis < 1 || idleMillis > MAX_IDLE_MILLIS) {
            throw EgressSettings.invalid("streamIdleMillis", "1.." + MAX_IDLE_MILLIS, idleMillis);
        }
        if (maxLineBytes < 1 || maxLineBytes > MAX_LINE) {
            throw EgressSettings.invalid("maxStreamLineBytes", "1.." + MAX_LINE, maxLineBytes);
        }
        return new StreamLimits(maxBytes, Duration.ofMillis(idleMillis), maxLineBytes);
    }
}
