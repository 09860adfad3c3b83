package io.portcullis.policy.internal;

import java.time.Duration;

/** {@link PolicyConfig}, checked: a bad value fails activation with a message naming the property. */
record PolicySettings(long deployPollMillis, long maxPluginBytes, Duration hostStartWait) {

    static PolicySettings from(PolicyConfig config) {
        return new PolicySettings(
                check("deployPollMillis", config.deployPollMillis(), 50, 60_000),
                check("maxPluginBytes", config.maxPluginBytes(), 1024, 1L << 30),
                Duration.ofSeconds(check("hostStartWaitSeconds", config.hostStartWaitSeconds(), 1, 600)));
    }

    private static long check(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + " of " + PolicyConfig.PID + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
