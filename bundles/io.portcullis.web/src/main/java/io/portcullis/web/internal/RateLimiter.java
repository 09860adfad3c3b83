package io.portcullis.web.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets (Bucket4j) for one kind of subject, such as callers or client addresses: each
 * subject may make {@code perMinute} requests in a burst, refilled evenly over a minute.
 *
 * <p>The buckets live in memory, bounded: a bucket unused for a minute is full again, so dropping it
 * loses nothing, and such buckets are swept out. When the map still holds {@code maxEntries}
 * buckets (a flood of new addresses), new subjects are refused until old ones go idle, rather than
 * letting the map grow or evicting live buckets (which would reset an attacker's own limit). Limits
 * are per node; sharing them between nodes through the database is a later step (DESIGN.md, Scale).
 */
final class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    static final int DEFAULT_MAX_ENTRIES = 100_000;
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long SWEEP_INTERVAL = TimeUnit.SECONDS.toNanos(30);

    /** The limit is part of the key: a changed configuration or rate class starts a fresh bucket. */
    private record Key(String subject, int perMinute) {}

    private static final class Entry {
        final Bucket bucket;
        volatile long lastUsed;

        Entry(Bucket bucket, long now) {
            this.bucket = bucket;
            this.lastUsed = now;
        }
    }

    private final String kind;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final TimeMeter meter;
    private final ConcurrentHashMap<Key, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;
    private final AtomicLong lastFullWarning;

    RateLimiter(String kind) {
        this(kind, DEFAULT_MAX_ENTRIES, System::nanoTime);
    }

    RateLimiter(String kind, int maxEntries, LongSupplier nanoTime) {
        this.kind = kind;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        long now = nanoTime.getAsLong();
        this.lastSweep = new AtomicLong(now);
        this.lastFullWarning = new AtomicLong(now - MINUTE);
    }

    /** Takes one request from {@code subject}'s bucket: 0 if it may go on, else whole seconds (at least 1) to wait. */
    long acquire(String subject, int perMinute) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now, SWEEP_INTERVAL);
        Key key = new Key(subject, perMinute);
        Entry entry = buckets.get(key);
        if (entry == null) {
            if (buckets.size() >= maxEntries) {
                sweepIfDue(now, SECOND);
                if (buckets.size() >= maxEntries) {
                    warnFull(now);
                    return TimeUnit.NANOSECONDS.toSeconds(MINUTE);
                }
            }
            entry = buckets.computeIfAbsent(key, k -> new Entry(newBucket(perMinute), now));
        }
        entry.lastUsed = now;
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + SECOND - 1) / SECOND);
    }

    int size() {
        return buckets.size();
    }

    private Bucket newBucket(int perMinute) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(meter)
                .build();
    }

    /** At most one sweep per {@code interval}, by whichever request notices first. */
    private void sweepIfDue(long now, long interval) {
        long last = lastSweep.get();
        if (now - last >= interval && lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(entry -> now - entry.lastUsed >= MINUTE);
        }
    }

    private void warnFull(long now) {
        long last = lastFullWarning.get();
        if (now - last >= MINUTE && lastFullWarning.compareAndSet(last, now)) {
            LOG.warn(
                    "Rate limits of {} are tracking {} subjects, the most allowed; new ones are refused until others go idle",
                    kind,
                    buckets.size());
        }
    }
}
