package io.portcullis.tools.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.tools.ToolInfo;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.internal.approvals.Approval;
import io.portcullis.tools.internal.approvals.Approvals;
import io.portcullis.tools.internal.schema.JsonValues;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Response bodies, in the API's snake_case. An approval shows its arguments only redacted; the
 * arguments it runs with never leave the store. It shows why it was asked for ({@code reason}: {@code risk}
 * or {@code untrusted_context}), what it is bound to ({@code argument_digest}, {@code policy_version},
 * beside {@code tool_version}) and the {@code evidence} of untrusted content its caller had read
 * ({@code {sources, matched_arguments, hosts}}, empty lists when none).
 */
final class Views {

    /** The evidence of an approval whose caller had read nothing untrusted. */
    private static final JsonNode NO_EVIDENCE = JsonValues.MAPPER
            .createObjectNode()
            .<com.fasterxml.jackson.databind.node.ObjectNode>set("sources", JsonValues.MAPPER.createArrayNode())
            .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                    "matched_arguments", JsonValues.MAPPER.createArrayNode())
            .set("hosts", JsonValues.MAPPER.createArrayNode());

    private Views() {}

    record Tool(
            String name,
            String version,
            String description,
            String risk,
            @JsonProperty("input_schema") JsonNode inputSchema,
            String plugin,
            @JsonProperty("plugin_version") String pluginVersion) {

        static Tool of(ToolInfo info) {
            return new Tool(
                    info.descriptor().name(),
                    info.descriptor().version(),
                    info.descriptor().description(),
                    info.descriptor().risk().id(),
                    json(info.descriptor().inputSchema()),
                    info.pluginId(),
                    info.pluginVersion());
        }
    }

    record Pending(
            @JsonProperty("approval_id") String approvalId,
            String status,
            @JsonProperty("expires_at") Instant expiresAt) {

        static Pending of(ToolOutcome.Pending pending) {
            return new Pending(pending.approvalId(), "pending", pending.expiresAt());
        }
    }

    record Transition(
            String status,
            @JsonProperty("actor_id") @Nullable String actorId,
            Instant at) {}

    record Requester(String kind, String id) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApprovalView(
            String id,
            String tool,
            @JsonProperty("tool_version") String toolVersion,
            String plugin,
            String risk,
            JsonNode arguments,
            @JsonProperty("run_id") String runId,
            Requester requester,
            String status,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("decided_by") @Nullable String decidedBy,
            @JsonProperty("decided_at") @Nullable Instant decidedAt,
            @JsonProperty("executed_at") @Nullable Instant executedAt,
            @Nullable String outcome,
            String reason,
            @JsonProperty("argument_digest") @Nullable String argumentDigest,
            @JsonProperty("policy_version") @Nullable String policyVersion,
            JsonNode evidence,
            List<Transition> history,
            @Nullable JsonNode invocation) {

        /** An approval as anyone of its workspace reads it: with the stored, redacted result once it ran. */
        static ApprovalView of(Approval a) {
            return of(a, a.result() == null ? null : json(a.result()));
        }

        static ApprovalView of(Approval a, @Nullable JsonNode invocation) {
            return new ApprovalView(
                    a.id(),
                    a.tool(),
                    a.toolVersion(),
                    a.pluginId(),
                    a.risk(),
                    json(a.displayArguments()),
                    a.runId(),
                    new Requester(a.requesterKind(), a.requesterId()),
                    a.status().id(),
                    a.createdAt(),
                    a.expiresAt(),
                    a.decidedBy(),
                    a.decidedAt(),
                    a.executedAt(),
                    a.outcome(),
                    a.reason(),
                    a.argumentDigest(),
                    a.policyVersion(),
                    a.evidence() == null ? NO_EVIDENCE : json(a.evidence()),
                    a.history().stream()
                            .map(t -> new Transition(t.status().id(), t.actorId(), t.at()))
                            .toList(),
                    invocation);
        }
    }

    /** The outcome of an approved call as its approver reads it: the result, or why it did not run. */
    static JsonNode invocation(ToolOutcome outcome) {
        return Approvals.result(outcome);
    }

    private static JsonNode json(String text) {
        try {
            return JsonValues.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return JsonValues.MAPPER.getNodeFactory().nullNode();
        }
    }
}
