package io.portcullis.models.internal.metering;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Metering#sweep()} every {@code period} on a daemon thread of its own, from one period
 * after it starts until {@link #close()}. A failing sweep is logged and tried again the next period.
 */
public final class MeteringSweeper implements AutoCloseable {

    /** How often the sweeper runs by default. */
    public static final Duration EVERY_MINUTE = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(MeteringSweeper.class);

    private final ScheduledExecutorService scheduler;

    private MeteringSweeper(Metering metering, Duration period) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "portcullis-metering-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(() -> sweep(metering), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts sweeping {@code metering} every {@code period}. */
    public static MeteringSweeper start(Metering metering, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("sweep period must be positive, was " + period);
        }
        return new MeteringSweeper(metering, period);
    }

    private static void sweep(Metering metering) {
        try {
            metering.sweep(); // logs each workspace it charged
        } catch (RuntimeException e) {
            LOG.warn("Sweeping expired model-call reservations failed; trying again next period", e);
        }
    }

    /** Stops sweeping; a sweep under way finishes its current transaction. */
    @Override
    public void close() {
        scheduler.shutdown();
    }
}
