package io.portcullis.tools;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one door to plugin tools. For every call, in this order and stopping at the first refusal: the
 * tool exists and its plugin is active and enabled for the workspace, the workspace's read-only mode
 * allows its risk, the arguments match its JSON Schema (no unknown field, no oversized value), the
 * workspace's {@code tainted_calls} rule for a call whose caller read untrusted content (refused, or an
 * approval with reason {@code untrusted_context} whatever the auto-approval rules say), an approval is
 * not needed (or was given), the run is within its limit; then the tool runs on a bounded
 * executor with a deadline, and its result is redacted and wrapped as untrusted content with its
 * provenance. Exactly one {@code tool.invoke} audit record is written for each attempt.
 *
 * <p>Thread-safe. {@link #invoke} blocks until the call is refused, queued for approval, or has run
 * (at most its deadline); it never throws for anything a plugin does.
 */
@ProviderType
public interface ToolInvoker {

    /** What became of {@code call}. */
    ToolOutcome invoke(ToolCall call);

    /** The tools that workspace {@code workspaceId} can call now: of active plugins it enabled, by name. */
    List<ToolInfo> tools(String workspaceId);

    /**
     * Where approval {@code approvalId} of the workspace stands; empty when there is none. A pending
     * approval past its expiry reads (and is stored) as {@code expired}.
     *
     * @throws IllegalStateException when the approvals cannot be read now (never read that as "none")
     */
    Optional<ApprovalState> approval(String workspaceId, String approvalId);

    /**
     * Expires the pending approvals of run {@code runId} (its run was cancelled): none of them can be
     * approved any more, and each is told to the {@link ApprovalListener}s. Returns how many.
     *
     * @throws IllegalStateException when the approvals cannot be written now (nothing was expired)
     */
    int expireApprovals(String workspaceId, String runId);
}
