package io.portcullis.tools.internal;

import java.time.Duration;

/** {@link ToolsConfig}, checked: a bad value fails activation with a message naming the property. */
record ToolsSettings(int threads, int queue, Duration approvalTtl) {

    static ToolsSettings from(ToolsConfig config) {
        return new ToolsSettings(
                (int) check("threads", config.threads(), 1, 256),
                (int) check("queue", config.queue(), 0, 10_000),
                Duration.ofMinutes(check("approvalTtlMinutes", config.approvalTtlMinutes(), 1, 10_080)));
    }

    private static long check(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + " of " + ToolsConfig.PID + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
