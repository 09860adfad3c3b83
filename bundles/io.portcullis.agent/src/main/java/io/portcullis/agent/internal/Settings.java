package io.portcullis.agent.internal;

import java.time.Duration;

/** {@link AgentsConfig}, checked: a bad value fails activation with a message naming the property. */
final class Settings {

    private Settings() {}

    static AgentSettings from(AgentsConfig config) {
        long lease = check("leaseSeconds", config.leaseSeconds(), 5, 600);
        long sweep = check("sweepSeconds", config.sweepSeconds(), 1, 300);
        if (sweep >= lease) {
            throw new IllegalArgumentException("sweepSeconds of " + AgentsConfig.PID
                    + " must be less than leaseSeconds (" + lease + "), was " + sweep);
        }
        return new AgentSettings(
                (int) check("workers", config.workers(), 1, 256),
                Duration.ofSeconds(lease),
                Duration.ofSeconds(sweep),
                Duration.ofSeconds(check("maxWaitSeconds", config.maxWaitSeconds(), 60, 2_592_000)),
                (int) check("transcriptMessages", config.transcriptMessages(), 1, 1000),
                (int) check("streamsPerNode", config.streamsPerNode(), 1, 10_000),
                (int) check("streamsPerWorkspace", config.streamsPerWorkspace(), 1, 10_000),
                Duration.ofSeconds(check("eventRetentionSeconds", config.eventRetentionSeconds(), 3600, 7_776_000)));
    }

    private static long check(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + " of " + AgentsConfig.PID + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
