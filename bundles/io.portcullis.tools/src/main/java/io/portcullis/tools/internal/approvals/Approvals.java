package io.portcullis.tools.internal.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.internal.invoke.Invoker;
import io.portcullis.tools.internal.schema.JsonValues;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deciding approvals. Approve: the approval exists in the caller's workspace (404), is pending (409,
 * naming its status, {@code expired} included), the approver is not the requester when the workspace
 * requires four eyes (403); the decision is put on the record ({@code approval.approve}, 503 and
 * nothing done if it cannot be), then claimed by one conditional update: the one caller that moves it
 * runs the call through {@link Invoker#runApproved} (which writes that attempt's {@code tool.invoke}
 * record) and stores {@code executed} or {@code failed}; every other concurrent approver gets 409. An
 * approval therefore runs at most once, even if the server stops between claim and finish (it stays
 * {@code approved}). Deny is the same without four eyes: the requester may withdraw their own call.
 */
public final class Approvals {

    /** An approval after a decision, and for an approve the outcome of its call. */
    public record Decided(Approval approval, @Nullable ToolOutcome outcome) {}

    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);

    private final ApprovalStore store;
    private final Invoker invoker;
    private final PluginPolicy policy;
    private final AuditLog log;

    public Approvals(ApprovalStore store, Invoker invoker, PluginPolicy policy, AuditLog log) {
        this.store = store;
        this.invoker = invoker;
        this.policy = policy;
        this.log = log;
    }

    public Approval get(String workspaceId, String id) throws SQLException {
        return store.find(workspaceId, id).orElseThrow(ProblemException::notFound);
    }

    public Page<Approval> list(String workspaceId, PageRequest page) throws SQLException {
        return store.list(workspaceId, page);
    }

    public Decided approve(String workspaceId, String id, Actor approver, @Nullable String requestId)
            throws SQLException {
        Approval approval = pending(workspaceId, id);
        if (policy.workspacePolicy(workspaceId).fourEyes() && approval.requesterId().equals(approver.id())) {
            throw new ProblemException(403, "Forbidden", "This workspace requires four eyes: the requester of a call "
                    + "cannot approve it.");
        }
        record(workspaceId, approver, "approval.approve", approval, requestId);
        ApprovalStore.Claimed claimed = store.claim(workspaceId, id, approver.id())
                .orElseThrow(() -> notPending(workspaceId, id));
        ToolOutcome outcome = run(claimed, approver, requestId);
        boolean ran = outcome instanceof ToolOutcome.Completed c && c.ok();
        String code = outcome instanceof ToolOutcome.Completed c ? c.code()
                : ((ToolOutcome.Refused) outcome).code();
        store.finish(workspaceId, id, ran ? ApprovalStatus.EXECUTED : ApprovalStatus.FAILED, code, approver.id());
        return new Decided(get(workspaceId, id), outcome);
    }

    public Decided deny(String workspaceId, String id, Actor actor, @Nullable String requestId) throws SQLException {
        Approval approval = pending(workspaceId, id);
        record(workspaceId, actor, "approval.deny", approval, requestId);
        if (!store.deny(workspaceId, id, actor.id())) {
            throw notPending(workspaceId, id);
        }
        return new Decided(get(workspaceId, id), null);
    }

    private ToolOutcome run(ApprovalStore.Claimed claimed, Actor approver, @Nullable String requestId) {
        Approval approval = claimed.approval();
        Map<String, @Nullable Object> arguments;
        try {
            arguments = JsonValues.values(JsonValues.MAPPER.readTree(claimed.arguments()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Approval '{}' has unreadable arguments ({})", approval.id(), e.getClass().getSimpleName());
            return new ToolOutcome.Refused(500, "unreadable_arguments", "The stored call could not be read.");
        }
        String runId = ToolCall.MANUAL.equals(approval.runId()) ? null : approval.runId();
        ToolCall call = new ToolCall(approval.workspaceId(), approver, approval.tool(), arguments, runId, null, requestId);
        return invoker.runApproved(call, approval.id(), approval.toolVersion());
    }

    private Approval pending(String workspaceId, String id) throws SQLException {
        Approval approval = get(workspaceId, id);
        if (approval.status() != ApprovalStatus.PENDING) {
            throw conflict(approval);
        }
        return approval;
    }

    private ProblemException notPending(String workspaceId, String id) {
        try {
            return conflict(get(workspaceId, id));
        } catch (SQLException e) {
            return ProblemException.conflict("The approval is no longer pending.");
        }
    }

    private static ProblemException conflict(Approval approval) {
        return ProblemException.conflict("The approval is " + approval.status().id() + ", not pending.");
    }

    /** Puts the decision on the record before it is made; 503 (and no decision) when it cannot be. */
    private void record(String workspaceId, Actor actor, String action, Approval approval, @Nullable String requestId) {
        AuditEvent event = new AuditEvent(workspaceId, actor, action, "approval:" + approval.id(), Decision.ALLOWED,
                null, "tool " + approval.tool() + " requested by " + approval.requesterId(), null, null, null,
                requestId);
        try {
            log.append(event);
        } catch (AuditUnavailableException e) {
            LOG.warn("{} of approval '{}' not done: it could not be recorded ({})", action, approval.id(),
                    e.getMessage());
            throw new ProblemException(503, "Service Unavailable",
                    "The decision could not be put on the record; nothing was decided.");
        }
    }
}
