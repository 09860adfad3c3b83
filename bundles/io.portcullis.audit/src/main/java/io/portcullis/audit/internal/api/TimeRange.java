package io.portcullis.audit.internal.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A half-open range of record times, {@code from} inclusive, {@code to} exclusive; either end may be
 * open. Records of a chain are timed in sequence order, so a time range is a range of sequences.
 */
record TimeRange(@Nullable Instant from, @Nullable Instant to) {

    static final TimeRange ALL = new TimeRange(null, null);

    Conditions restrict(Conditions conditions) {
        return conditions.and("recorded_at >= ?", from).and("recorded_at < ?", to);
    }
}
