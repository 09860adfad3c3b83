package io.portcullis.tools.internal.approvals;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An approval as stored, without the arguments it would run with: only their redacted form, which is
 * what every answer shows.
 *
 * @param result the redacted outcome of the call once it ran (JSON), as its approver read it
 * @param reason {@code risk} or {@code untrusted_context}: why it was asked for
 * @param argumentDigest SHA-256 (hex) of the canonical arguments it was asked with; null for an approval
 *     from before digests were kept (void)
 * @param policyVersion the workspace policy's version when it was asked; null as above
 * @param evidence for a call whose caller had read untrusted content, JSON
 *     {@code {sources, matched_arguments, hosts}} (redacted); else null
 * @param history every status reached, oldest first
 */
public record Approval(
        String id,
        String workspaceId,
        String tool,
        String toolVersion,
        String pluginId,
        String risk,
        String displayArguments,
        String runId,
        String requesterKind,
        String requesterId,
        Instant createdAt,
        Instant expiresAt,
        ApprovalStatus status,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable Instant executedAt,
        @Nullable String outcome,
        @Nullable String result,
        String reason,
        @Nullable String argumentDigest,
        @Nullable String policyVersion,
        @Nullable String evidence,
        List<Transition> history) {

    public Approval {
        history = List.copyOf(history);
    }

    /** One status reached. {@code actorId} is null when the server moved it (an expiry). */
    public record Transition(
            ApprovalStatus status, @Nullable String actorId, Instant at) {}

    Approval withHistory(List<Transition> transitions) {
        return new Approval(
                id,
                workspaceId,
                tool,
                toolVersion,
                pluginId,
                risk,
                displayArguments,
                runId,
                requesterKind,
                requesterId,
                createdAt,
                expiresAt,
                status,
                decidedBy,
                decidedAt,
                executedAt,
                outcome,
                result,
                reason,
                argumentDigest,
                policyVersion,
                evidence,
                transitions);
    }
}
