package io.portcullis.vault.internal.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where the master-key rotation stands, as {@code GET /api/v1/vault/master-key/rotation} answers it:
 * ids and counts only, never a key.
 *
 * @param state {@code idle}, {@code running}, {@code completed} or {@code failed}
 * @param detail why it failed, or what the administrator must do next
 */
record RotationProgress(
        String state,
        @JsonProperty("new_key_id") @Nullable String newKeyId,
        long total,
        long rewrapped,
        @JsonProperty("started_at") @Nullable Instant startedAt,
        @JsonProperty("finished_at") @Nullable Instant finishedAt,
        @Nullable String detail) {

    static final String IDLE = "idle";
    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";

    static RotationProgress idle() {
        return new RotationProgress(IDLE, null, 0, 0, null, null, null);
    }

    static RotationProgress started(String newKeyId, Instant at) {
        return new RotationProgress(RUNNING, newKeyId, 0, 0, at, null, null);
    }

    boolean running() {
        return RUNNING.equals(state);
    }

    /** With {@code remaining} rows still to re-wrap (the total grows if rows appeared meanwhile). */
    RotationProgress remaining(long remaining) {
        return new RotationProgress(
                state, newKeyId, Math.max(total, rewrapped + remaining), rewrapped, startedAt, finishedAt, detail);
    }

    RotationProgress advanced(long more) {
        long done = rewrapped + more;
        return new RotationProgress(state, newKeyId, Math.max(total, done), done, startedAt, finishedAt, detail);
    }

    RotationProgress completed(Instant at, @Nullable String note) {
        return new RotationProgress(COMPLETED, newKeyId, total, rewrapped, startedAt, at, note);
    }

    RotationProgress failed(Instant at, String reason) {
        return new RotationProgress(FAILED, newKeyId, total, rewrapped, startedAt, at, reason);
    }
}
