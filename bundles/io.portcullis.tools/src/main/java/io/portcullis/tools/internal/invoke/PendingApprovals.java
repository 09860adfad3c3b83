package io.portcullis.tools.internal.invoke;

import io.portcullis.audit.Actor;
import io.portcullis.spi.Risk;
import io.portcullis.tools.ApprovalState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the invoker puts a call that needs an approval, and where it reads approvals back for a run:
 * the approvals store, seen through a seam. Only {@link #create} is required; a queue that keeps nothing
 * readable (a test's) answers the defaults.
 */
@FunctionalInterface
public interface PendingApprovals {

    /** Why an approval is asked for: the tool's risk needs one. */
    String RISK = "risk";
    /** Why an approval is asked for: the caller had read untrusted content, and the workspace wants one. */
    String UNTRUSTED_CONTEXT = "untrusted_context";

    /**
     * A call waiting for its approval.
     *
     * @param arguments the arguments as canonical JSON, kept only to run the call once approved
     * @param displayArguments the same, redacted: the only form any API shows
     * @param reason {@link #RISK} or {@link #UNTRUSTED_CONTEXT}
     * @param argumentDigest SHA-256 (hex) of {@code arguments}: the call that runs must have the same
     * @param policyVersion the workspace policy's version now: the policy in force when it runs must be the same
     * @param evidence for a tainted call, its {@link Evidence} as JSON (redacted); else null
     */
    record Request(
            String id,
            String workspaceId,
            String tool,
            String toolVersion,
            String pluginId,
            Risk risk,
            String arguments,
            String displayArguments,
            String runId,
            Actor requester,
            Instant createdAt,
            Instant expiresAt,
            String reason,
            String argumentDigest,
            String policyVersion,
            @Nullable String evidence) {}

    /** An approval expired by {@link #expireRun}: its id and run. */
    record Expired(String approvalId, String runId) {}

    /** Stores {@code request}; throws when it could not be stored. */
    void create(Request request) throws Exception;

    /**
     * Where approval {@code approvalId} stands, a pending one past its expiry read (and stored) as
     * {@code expired}; empty when the workspace has no such approval.
     */
    default Optional<ApprovalState> state(String workspaceId, String approvalId) throws Exception {
        return Optional.empty();
    }

    /** Moves every pending approval of run {@code runId} to {@code expired}; answers those it moved. */
    default List<Expired> expireRun(String workspaceId, String runId) throws Exception {
        return List.of();
    }
}
