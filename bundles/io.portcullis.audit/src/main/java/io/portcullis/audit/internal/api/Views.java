package io.portcullis.audit.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.portcullis.audit.AuditRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Response bodies, in the API's snake_case. A record is shown with every stored field, the chain
 * fields included, in the same shape as a line of the export (see {@link JsonLines}), so that what
 * the query shows can be checked with the same code as an export.
 */
final class Views {

    private Views() {}

    @JsonPropertyOrder({
        "chain",
        "sequence",
        "time",
        "workspace_id",
        "actor",
        "action",
        "target",
        "decision",
        "reason_code",
        "reason_text",
        "arguments_hmac",
        "result_status",
        "latency_ms",
        "request_id",
        "previous_hash",
        "hash"
    })
    record Record(
            String chain,
            long sequence,
            Instant time,
            @JsonProperty("workspace_id") @Nullable String workspaceId,
            Actor actor,
            String action,
            @Nullable String target,
            String decision,
            @JsonProperty("reason_code") @Nullable String reasonCode,
            @JsonProperty("reason_text") @Nullable String reasonText,
            @JsonProperty("arguments_hmac") @Nullable String argumentsHmac,
            @JsonProperty("result_status") @Nullable Integer resultStatus,
            @JsonProperty("latency_ms") @Nullable Long latencyMillis,
            @JsonProperty("request_id") @Nullable String requestId,
            @JsonProperty("previous_hash") String previousHash,
            String hash) {

        static Record of(AuditRecord r) {
            return new Record(
                    r.chain(),
                    r.sequence(),
                    r.time(),
                    r.workspaceId(),
                    new Actor(r.actor().kind(), r.actor().id(), r.actor().credentialId()),
                    r.action(),
                    r.target(),
                    r.decision().id(),
                    r.reasonCode(),
                    r.reasonText(),
                    r.argumentsHmac(),
                    r.resultStatus(),
                    r.latencyMillis(),
                    r.requestId(),
                    r.previousHash(),
                    r.hash());
        }
    }

    @JsonPropertyOrder({"kind", "id", "credential_id"})
    record Actor(
            String kind,
            String id,
            @JsonProperty("credential_id") @Nullable String credentialId) {}

    /** A chain's retention; null days: records are kept forever. */
    record Retention(@Nullable Integer days) {}
}
