package io.portcullis.policy.internal;

/** {@link PolicyConfig}, checked: a bad value fails activation with a message naming the property. */
record PolicySettings(long deployPollMillis, long maxPluginBytes) {

    static PolicySettings from(PolicyConfig config) {
        return new PolicySettings(
                check("deployPollMillis", config.deployPollMillis(), 50, 60_000),
                check("maxPluginBytes", config.maxPluginBytes(), 1024, 1L << 30));
    }

    private static long check(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + " of " + PolicyConfig.PID + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
