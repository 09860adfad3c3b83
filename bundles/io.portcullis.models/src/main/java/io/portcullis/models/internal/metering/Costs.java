package io.portcullis.models.internal.metering;

/**
 * Cost arithmetic in micros, exact and overflow-safe: inputs are clamped to {@link #MAX_TOKENS} tokens
 * and {@link #MAX_PRICE} micros per million tokens, so one side of a call costs at most 1e15 micros.
 */
final class Costs {

    /** The largest price, in micros per million tokens (a million currency units a token). */
    static final long MAX_PRICE = 1_000_000_000_000L;
    /** The most tokens counted for one side of a call. */
    static final long MAX_TOKENS = 1_000_000_000L;
    /** The largest monthly limit, in micros (a billion currency units). */
    static final long MAX_LIMIT = 1_000_000_000_000_000L;

    private static final long MILLION = 1_000_000L;

    private Costs() {}

    /** ceil(tokens × price / 1e6), both clamped to 0..their maximum. */
    static long cost(long tokens, long microsPerMillion) {
        long t = clamp(tokens, MAX_TOKENS);
        long p = clamp(microsPerMillion, MAX_PRICE);
        // t × p would overflow (1e21); split p: t × ⌊p/1e6⌋ ≤ 1e15 and t × (p mod 1e6) < 1e15.
        return t * (p / MILLION) + ceilDiv(t * (p % MILLION), MILLION);
    }

    /** The cost of {@code inputTokens} and {@code outputTokens} at {@code price}. */
    static long cost(long inputTokens, long outputTokens, long inputPrice, long outputPrice) {
        return cost(inputTokens, inputPrice) + cost(outputTokens, outputPrice);
    }

    static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, max));
    }

    /** ceil(a / b) for a ≥ 0, b > 0. */
    static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }
}
