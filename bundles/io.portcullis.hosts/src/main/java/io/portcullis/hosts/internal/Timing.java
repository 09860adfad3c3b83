package io.portcullis.hosts.internal;

import java.time.Duration;

/**
 * How the supervisor watches and restarts hosts.
 *
 * @param tick how often each running host is looked at (ping due, ping overdue, memory)
 * @param pingEvery how often a running host is pinged
 * @param pingDeadline how long a ping may go unanswered before the host counts as hung and is killed
 * @param backoff the wait before the first restart; it doubles with each failure in the window
 * @param maxBackoff the longest wait before a restart
 * @param maxFailures failures within {@code failureWindow} after which the host is left FAILED
 * @param failureWindow see {@code maxFailures}
 * @param stopGrace how long a host told to stop (stdin closed) may take to exit before it is killed
 */
record Timing(
        Duration tick,
        Duration pingEvery,
        Duration pingDeadline,
        Duration backoff,
        Duration maxBackoff,
        int maxFailures,
        Duration failureWindow,
        Duration stopGrace) {

    static final Timing DEFAULT = new Timing(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            5,
            Duration.ofMinutes(10),
            Duration.ofSeconds(1));

    /** The wait before the restart that follows {@code failures} failures in the window (1, 2, 4 ... capped). */
    Duration backoffAfter(int failures) {
        int doublings = Math.min(Math.max(0, failures - 1), 30);
        Duration wait = backoff.multipliedBy(1L << Math.min(doublings, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
