package io.portcullis.models.internal.metering;

/** A call the meter refused before anything was reserved. The message is safe to show. */
public final class MeterRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Kind {
        /** The model has no price. */
        UNPRICED,
        /** A burst limit (calls or tokens per minute) is reached; see {@link #retryAfterSeconds()}. */
        RATE_LIMITED,
        /** The reservation does not fit what is left of the period's budget. */
        BUDGET_EXHAUSTED
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    public MeterRefusal(Kind kind, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
    }

    public Kind kind() {
        return kind;
    }

    /** Seconds until a call of the same size would pass the burst limit; 0 for other kinds. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
