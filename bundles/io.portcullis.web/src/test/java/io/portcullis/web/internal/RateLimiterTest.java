package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private void advanceSeconds(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void aBurstUpToTheLimitThenAWaitUntilTheNextToken() {
        RateLimiter limiter = new RateLimiter("test", 10, clock::get);

        assertThat(limiter.acquire("a", 2)).isZero();
        assertThat(limiter.acquire("a", 2)).isZero();
        assertThat(limiter.acquire("a", 2)).isEqualTo(30); // 2 per minute: one every 30 s
        assertThat(limiter.acquire("b", 2)).isZero();

        advanceSeconds(29);
        assertThat(limiter.acquire("a", 2)).isEqualTo(1);
        advanceSeconds(1);
        assertThat(limiter.acquire("a", 2)).isZero();
    }

    @Test
    void aNewLimitStartsAFreshBucket() {
        RateLimiter limiter = new RateLimiter("test", 10, clock::get);

        assertThat(limiter.acquire("a", 1)).isZero();
        assertThat(limiter.acquire("a", 1)).isPositive();
        assertThat(limiter.acquire("a", 5)).isZero();
    }

    @Test
    void theMapIsBoundedAndIdleBucketsAreSweptOut() {
        RateLimiter limiter = new RateLimiter("test", 3, clock::get);
        for (String subject : new String[] {"a", "b", "c"}) {
            assertThat(limiter.acquire(subject, 100)).isZero();
        }

        try (LogCapture log = new LogCapture(RateLimiter.class.getName())) {
            assertThat(limiter.acquire("d", 100)).isEqualTo(60); // full: a new subject waits
            assertThat(limiter.acquire("e", 100)).isEqualTo(60);
            assertThat(log.lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line).startsWith("WARN Rate limits of test"));
        }
        assertThat(limiter.acquire("a", 100)).isZero(); // known subjects go on
        assertThat(limiter.size()).isEqualTo(3);

        advanceSeconds(30);
        assertThat(limiter.acquire("a", 100)).isZero();
        advanceSeconds(31); // b and c idle for a minute: full again, so dropped
        assertThat(limiter.acquire("d", 100)).isZero();
        assertThat(limiter.size()).isEqualTo(2);
    }
}
