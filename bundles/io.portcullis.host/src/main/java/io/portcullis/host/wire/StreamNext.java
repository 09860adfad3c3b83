package io.portcullis.host.wire;

/**
 * Params of {@code stream.next} and {@code egress.next}: the next batch of {@code stream}, waiting up
 * to {@code waitMillis} for at least one item. The answering end waits no longer than {@link
 * #MAX_WAIT_MILLIS} whatever is asked, so a long poll never holds one of its threads for long.
 */
public record StreamNext(String stream, long waitMillis) {

    /** The longest wait either end grants one pull. */
    public static final long MAX_WAIT_MILLIS = 250;

    /** {@link #waitMillis()} within {@code [0, MAX_WAIT_MILLIS]}. */
    public long clampedWaitMillis() {
        return Math.max(0, Math.min(MAX_WAIT_MILLIS, waitMillis));
    }
}
