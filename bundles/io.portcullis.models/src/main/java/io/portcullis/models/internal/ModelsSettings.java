package io.portcullis.models.internal;

import java.time.Duration;

/** {@link ModelsConfig}, checked: a bad value fails activation with a message naming the property. */
public record ModelsSettings(
        Duration callTimeout, int threads, int queue, boolean holdBackDeltas, int maxRetries, Duration sweepInterval) {

    public static final ModelsSettings DEFAULT =
            new ModelsSettings(Duration.ofSeconds(120), 64, 64, true, 0, Duration.ofMinutes(1));

    public static ModelsSettings from(ModelsConfig config) {
        return new ModelsSettings(
                Duration.ofSeconds(check("callTimeoutSeconds", config.callTimeoutSeconds(), 1, 3600)),
                (int) check("threads", config.threads(), 1, 1024),
                (int) check("queue", config.queue(), 0, 10_000),
                config.holdBackDeltas(),
                (int) check("maxRetries", config.maxRetries(), 0, 5),
                Duration.ofSeconds(check("sweepSeconds", config.sweepSeconds(), 10, 3600)));
    }

    private static long check(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + " of " + ModelsConfig.PID + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
