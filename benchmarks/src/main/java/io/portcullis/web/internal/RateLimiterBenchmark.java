package io.portcullis.web.internal;

import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request rate-limit check: one {@link RateLimiter#acquire} of the web bundle's own limiter
 * (Bucket4j buckets in a bounded map), in its package because it is internal. Subjects are 24-hex
 * key ids, as the access gate passes them.
 *
 * <ul>
 *   <li>{@code admittedHotCaller}, {@code admittedDistinctCallers10k}: requests that are let through,
 *       for one caller and for 10,000 callers in turn (buckets made in set-up). A single thread makes
 *       millions of calls a second, far above any limit, so these limiters read a clock that is
 *       {@code System.nanoTime()} moved 60 µs further on every call (two reads): with a limit of
 *       {@link RateLimits#MAX_PER_MINUTE} (one token per 60 µs) every call is admitted. The clock costs
 *       what production's {@code System::nanoTime} does, plus an addition.
 *   <li>{@code refusedHotCaller}: the limiter as the server makes it ({@code new RateLimiter("callers")},
 *       real clock) with the owner default of 1200 a minute, bucket emptied in set-up: all but about 20 calls a
 *       second are refused (the 429 path), which is what a flooding caller costs.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RateLimiterBenchmark {

    static final int CALLERS = 10_000;
    static final int ADMITTED_LIMIT = RateLimits.MAX_PER_MINUTE;
    static final int OWNER_LIMIT = 1200;

    /** {@code System.nanoTime()} plus 30 µs more on every read. Single-threaded use only. */
    static final class FastForwardClock implements LongSupplier {
        private static final long STEP = TimeUnit.MICROSECONDS.toNanos(30);
        private long skew;

        @Override
        public long getAsLong() {
            skew += STEP;
            return System.nanoTime() + skew;
        }
    }

    @State(Scope.Thread)
    public static class HotCaller {
        RateLimiter limiter;
        String subject;

        @Setup(Level.Trial)
        public void setUp() {
            limiter = new RateLimiter("callers", RateLimiter.DEFAULT_MAX_ENTRIES, new FastForwardClock());
            subject = subjects(1)[0];
            for (int i = 0; i < 2 * ADMITTED_LIMIT; i++) {
                check(limiter.acquire(subject, ADMITTED_LIMIT) == 0, "hot caller refused");
            }
        }
    }

    @State(Scope.Thread)
    public static class DistinctCallers {
        RateLimiter limiter;
        String[] subjects;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            limiter = new RateLimiter("callers", RateLimiter.DEFAULT_MAX_ENTRIES, new FastForwardClock());
            subjects = subjects(CALLERS);
            for (int round = 0; round < 3; round++) {
                for (String subject : subjects) {
                    check(limiter.acquire(subject, ADMITTED_LIMIT) == 0, "distinct caller refused");
                }
            }
            check(limiter.size() == CALLERS, "expected " + CALLERS + " buckets, found " + limiter.size());
        }

        String nextSubject() {
            String subject = subjects[next];
            next = next + 1 == CALLERS ? 0 : next + 1;
            return subject;
        }
    }

    @State(Scope.Thread)
    public static class FloodingCaller {
        RateLimiter limiter;
        String subject;

        @Setup(Level.Trial)
        public void setUp() {
            limiter = new RateLimiter("callers");
            subject = subjects(1)[0];
            // Empty the bucket; it refills one token per 50 ms, so a few calls a second are still admitted.
            int calls = 0;
            while (limiter.acquire(subject, OWNER_LIMIT) == 0) {
                check(++calls <= 2 * OWNER_LIMIT, "flooding caller never refused");
            }
        }
    }

    @Benchmark
    public long admittedHotCaller(HotCaller state) {
        return state.limiter.acquire(state.subject, ADMITTED_LIMIT);
    }

    @Benchmark
    public long admittedDistinctCallers10k(DistinctCallers state) {
        return state.limiter.acquire(state.nextSubject(), ADMITTED_LIMIT);
    }

    @Benchmark
    public long refusedHotCaller(FloodingCaller state) {
        return state.limiter.acquire(state.subject, OWNER_LIMIT);
    }

    /** {@code count} distinct random 24-hex ids, like API key ids. */
    static String[] subjects(int count) {
        Random random = new Random(42);
        Set<String> unique = new LinkedHashSet<>();
        byte[] bytes = new byte[12];
        while (unique.size() < count) {
            random.nextBytes(bytes);
            unique.add(HexFormat.of().formatHex(bytes));
        }
        return unique.toArray(String[]::new);
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
