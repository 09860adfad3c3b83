package io.portcullis.models.internal.metering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostsTest {

    @Test
    void costIsRoundedUpToTheNextMicro() {
        assertThat(Costs.cost(1, 1)).isEqualTo(1); // 1e-6 micros, rounded up
        assertThat(Costs.cost(1_000_000, 1)).isEqualTo(1);
        assertThat(Costs.cost(1_000_001, 1)).isEqualTo(2);
        assertThat(Costs.cost(1000, 2_500_000)).isEqualTo(2500); // 1000 tokens at 2.50 a million
        assertThat(Costs.cost(333, 1_000_001)).isEqualTo(334); // 333.000333 → 334
        assertThat(Costs.cost(0, 5_000_000)).isZero();
        assertThat(Costs.cost(123_456, 0)).isZero();
    }

    @Test
    void bothSidesAddUp() {
        assertThat(Costs.cost(1000, 500, 2_500_000, 10_000_000)).isEqualTo(2500 + 5000);
    }

    @Test
    void extremesAreClampedAndDoNotOverflow() {
        long max = Costs.cost(Costs.MAX_TOKENS, Costs.MAX_PRICE);
        assertThat(max).isEqualTo(1_000_000_000_000_000L); // 1e9 tokens × 1e12 / 1e6
        assertThat(Costs.cost(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(max);
        assertThat(Costs.cost(Costs.MAX_TOKENS, Costs.MAX_TOKENS, Costs.MAX_PRICE, Costs.MAX_PRICE))
                .isEqualTo(2 * max)
                .isPositive();
        assertThat(Costs.cost(-5, 1_000_000)).isZero();
        assertThat(Costs.cost(5, -1_000_000)).isZero();
        // Exact near the top: (1e9 - 1) tokens at (1e12 - 1) micros a million.
        long tokens = Costs.MAX_TOKENS - 1;
        long price = Costs.MAX_PRICE - 1;
        java.math.BigInteger exact = java.math.BigInteger.valueOf(tokens)
                .multiply(java.math.BigInteger.valueOf(price))
                .add(java.math.BigInteger.valueOf(999_999))
                .divide(java.math.BigInteger.valueOf(1_000_000));
        assertThat(Costs.cost(tokens, price)).isEqualTo(exact.longValueExact());
    }

    @Test
    void gcraIncrementsSpreadAMinuteOverTheLimit() {
        assertThat(Gcra.increment(1, 60)).isEqualTo(1_000_000); // a call a second
        assertThat(Gcra.increment(1, 7)).isEqualTo(8_571_429); // rounded up
        assertThat(Gcra.increment(5_000, 1_000)).isEqualTo(Gcra.WINDOW_MICROS); // clamped to the limit
        assertThat(Gcra.increment(Budget.MAX_TOKENS_PER_MINUTE, Budget.MAX_TOKENS_PER_MINUTE))
                .isEqualTo(Gcra.WINDOW_MICROS);
    }
}
