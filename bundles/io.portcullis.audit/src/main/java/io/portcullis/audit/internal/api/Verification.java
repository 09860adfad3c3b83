package io.portcullis.audit.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** The answer of {@code audit/verify}: the range is intact, or where and why it first breaks. */
sealed interface Verification {

    /** Hash mismatch: the record's fields or hash were changed after it was written. */
    String HASH_MISMATCH = "hash_mismatch";

    /** Link mismatch: the record does not name its predecessor's hash (replaced, inserted or reordered). */
    String LINK_MISMATCH = "link_mismatch";

    /** Gap: the sequence number is missing (a record was deleted or renumbered). */
    String GAP = "gap";

    @JsonProperty("ok")
    boolean ok();

    /** Every record checked, with the first and last sequence number checked (null when none). */
    @JsonPropertyOrder({"ok", "checked", "first_sequence", "last_sequence"})
    record Intact(
            long checked,
            @JsonProperty("first_sequence") @Nullable Long firstSequence,
            @JsonProperty("last_sequence") @Nullable Long lastSequence)
            implements Verification {

        @Override
        public boolean ok() {
            return true;
        }
    }

    /** The first broken sequence number, a reason code (see the constants) and a sentence. */
    @JsonPropertyOrder({"ok", "broken_at", "reason", "detail"})
    record Broken(@JsonProperty("broken_at") long brokenAt, String reason, String detail) implements Verification {

        @Override
        public boolean ok() {
            return false;
        }
    }
}
