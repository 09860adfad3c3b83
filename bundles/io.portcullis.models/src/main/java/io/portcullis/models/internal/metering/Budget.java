package io.portcullis.models.internal.metering;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's budget settings.
 *
 * @param monthlyLimitMicros what the workspace may spend a calendar month (UTC); 0: only free models
 * @param callsPerMinute model calls a minute (burst limit)
 * @param tokensPerMinute tokens a minute, counted at each call's bound and corrected at its settlement
 * @param setBy who set them; null for the defaults of a workspace that never set any
 * @param setAt when; null for the defaults
 */
public record Budget(
        long monthlyLimitMicros,
        long callsPerMinute,
        long tokensPerMinute,
        @Nullable String setBy,
        @Nullable Instant setAt) {

    public static final long DEFAULT_CALLS_PER_MINUTE = 60;
    public static final long DEFAULT_TOKENS_PER_MINUTE = 200_000;
    public static final long MAX_CALLS_PER_MINUTE = 1_000_000;
    public static final long MAX_TOKENS_PER_MINUTE = 1_000_000_000;

    /** A workspace that never set a budget: nothing to spend (fail closed), default burst limits. */
    public static final Budget DEFAULT = new Budget(0, DEFAULT_CALLS_PER_MINUTE, DEFAULT_TOKENS_PER_MINUTE, null, null);

    public Budget {
        if (monthlyLimitMicros < 0 || monthlyLimitMicros > Costs.MAX_LIMIT) {
            throw new IllegalArgumentException("monthly limit must be 0.." + Costs.MAX_LIMIT + " micros");
        }
        if (callsPerMinute < 1 || callsPerMinute > MAX_CALLS_PER_MINUTE) {
            throw new IllegalArgumentException("calls per minute must be 1.." + MAX_CALLS_PER_MINUTE);
        }
        if (tokensPerMinute < 1 || tokensPerMinute > MAX_TOKENS_PER_MINUTE) {
            throw new IllegalArgumentException("tokens per minute must be 1.." + MAX_TOKENS_PER_MINUTE);
        }
    }
}
