package io.portcullis.audit.internal.writer;

import java.time.Duration;

/**
 * The writer's validated settings.
 *
 * @param appendTimeout the whole wait of one append: for room in the queue, then for its commit
 * @param maxBatch      most records per transaction
 * @param queueCapacity most appends waiting for the writer; a full queue makes callers wait, then fail
 */
record WriterSettings(Duration appendTimeout, int maxBatch, int queueCapacity) {

    static final long MIN_TIMEOUT_MILLIS = 1;
    static final long MAX_TIMEOUT_MILLIS = 600_000;
    static final int MAX_BATCH = 100_000;
    static final int MAX_QUEUE = 10_000_000;

    /** Validates {@code config}, failing with a message that names the property to fix. */
    static WriterSettings from(AuditConfig config) {
        return of(config.appendTimeoutMillis(), config.maxBatch(), config.queueCapacity());
    }

    static WriterSettings of(long appendTimeoutMillis, int maxBatch, int queueCapacity) {
        if (appendTimeoutMillis < MIN_TIMEOUT_MILLIS || appendTimeoutMillis > MAX_TIMEOUT_MILLIS) {
            throw invalid("appendTimeoutMillis", MIN_TIMEOUT_MILLIS + ".." + MAX_TIMEOUT_MILLIS, appendTimeoutMillis);
        }
        if (maxBatch < 1 || maxBatch > MAX_BATCH) {
            throw invalid("maxBatch", "1.." + MAX_BATCH, maxBatch);
        }
        if (queueCapacity < 1 || queueCapacity > MAX_QUEUE) {
            throw invalid("queueCapacity", "1.." + MAX_QUEUE, queueCapacity);
        }
        return new WriterSettings(Duration.ofMillis(appendTimeoutMillis), maxBatch, queueCapacity);
    }

    private static IllegalArgumentException invalid(String property, String range, long value) {
        return new IllegalArgumentException(
                property + " of " + AuditConfig.PID + " must be " + range + ", was " + value);
    }
}
