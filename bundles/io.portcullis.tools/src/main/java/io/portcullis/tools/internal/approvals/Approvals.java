package io.portcullis.tools.internal.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.tenancy.Membership;
import io.portcullis.tenancy.Role;
import io.portcullis.tools.Taint;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.internal.invoke.Invoker;
import io.portcullis.tools.internal.schema.JsonValues;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deciding approvals. Approve: the approval exists in the caller's workspace (404), is pending (409,
 * naming its status, {@code expired} included), the approver is another member than the requester when
 * the workspace requires four eyes (403: members are compared, not keys, so a second key of the
 * requester is the requester). The decision is put on the record ({@code approval.approve}, 503 and
 * nothing done if it cannot be: appended before the claim's transaction, never inside it, where it
 * would hold a pooled connection while the audit writer waits for one), then claimed by one
 * conditional update, in whose transaction the approver's role is read again and locked
 * ({@link Membership}: 403, recorded as denied, and no claim if they may no longer approve, so an
 * approval racing a demotion never runs on the old role). The one caller that moves it runs the call through {@link Invoker#runApproved} (which writes that attempt's
 * {@code tool.invoke} record) and stores {@code executed} or {@code failed} with the redacted result,
 * which the requester reads too; every other concurrent approver gets 409. An approval therefore runs
 * at most once, even if the server stops between claim and finish (it stays {@code approved}). Deny is
 * the same without four eyes: the requester may withdraw their own call. The call runs bound to what
 * the approval was asked with: the tool's version, the workspace policy's version and the digest of its
 * arguments (else it fails with {@code approval_void} and nothing runs), with the taint evidence it was
 * asked with on its {@code tool.invoke} record. Once stored, each decision (executed, failed, denied) is
 * told to the invoker's {@link io.portcullis.tools.internal.invoke.ApprovalListeners}.
 */
public final class Approvals {

    /** The approver no longer holds a role that may approve; thrown inside the claim to roll it back. */
    private static final class RoleLost extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RoleLost() {
            super(null, null, false, false);
        }
    }

    /** An approval after a decision, and for an approve the outcome of its call. */
    public record Decided(Approval approval, @Nullable ToolOutcome outcome) {}

    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);

    private final ApprovalStore store;
    private final Invoker invoker;
    private final PluginPolicy policy;
    private final AuditLog log;
    private final Membership membership;

    public Approvals(ApprovalStore store, Invoker invoker, PluginPolicy policy, AuditLog log, Membership membership) {
        this.store = store;
        this.invoker = invoker;
        this.policy = policy;
        this.log = log;
        this.membership = membership;
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
        if (policy.workspacePolicy(workspaceId).fourEyes() && sameMember(approval, approver)) {
            throw refused(
                    workspaceId,
                    approver,
                    approval,
                    requestId,
                    "four_eyes",
                    "This workspace requires four "
                            + "eyes: a call is approved by another member than the one who asked for it.");
        }
        ApprovalStore.ClaimCheck roleHolds = connection -> {
            if (!mayApprove(connection, workspaceId, approver)) {
                throw new RoleLost();
            }
        };
        ApprovalStore.Claimed claimed;
        try {
            store.check(workspaceId, roleHolds); // a member demoted before asking is refused before the record
            record(workspaceId, approver, "approval.approve", approval, requestId);
            claimed = store.claim(workspaceId, id, approver.id(), roleHolds) // and one demoted meanwhile, here
                    .orElseThrow(() -> notPending(workspaceId, id));
        } catch (RoleLost lost) { // nothing claimed; recorded outside any transaction
            throw refused(workspaceId, approver, approval, requestId, "forbidden", "Approving requires role operator.");
        }
        ToolOutcome outcome = run(claimed, approver, requestId);
        boolean ran = outcome instanceof ToolOutcome.Completed c && c.ok();
        String code = outcome instanceof ToolOutcome.Completed c ? c.code() : ((ToolOutcome.Refused) outcome).code();
        ApprovalStatus status = ran ? ApprovalStatus.EXECUTED : ApprovalStatus.FAILED;
        store.finish(
                workspaceId, id, status, code, approver.id(), result(outcome).toString());
        invoker.listeners().decided(workspaceId, id, approval.runId(), status.id());
        return new Decided(get(workspaceId, id), outcome);
    }

    public Decided deny(String workspaceId, String id, Actor actor, @Nullable String requestId) throws SQLException {
        Approval approval = pending(workspaceId, id);
        record(workspaceId, actor, "approval.deny", approval, requestId);
        if (!store.deny(workspaceId, id, actor.id())) {
            throw notPending(workspaceId, id);
        }
        invoker.listeners().decided(workspaceId, id, approval.runId(), ApprovalStatus.DENIED.id());
        return new Decided(get(workspaceId, id), null);
    }

    /**
     * The outcome of an approved call as its approver and its requester read it: the (redacted) result,
     * or why it did not run.
     */
    public static JsonNode result(ToolOutcome outcome) {
        if (outcome instanceof ToolOutcome.Completed completed) {
            return completed.body();
        }
        if (outcome instanceof ToolOutcome.Refused refused) {
            return JsonValues.MAPPER
                    .createObjectNode()
                    .put("status", "refused")
                    .put("code", refused.code())
                    .put("detail", refused.detail());
        }
        return JsonValues.MAPPER.createObjectNode().put("status", "pending");
    }

    /**
     * Whether the approval was asked for by the approver: the same member (the actor of an API key is its
     * member), or, for an approval asked for before keys acted as members, the same key.
     */
    private static boolean sameMember(Approval approval, Actor approver) {
        return approval.requesterId().equals(approver.id())
                || approval.requesterId().equals(approver.credentialId());
    }

    /** The approver's role now, read and locked in the claiming transaction: operator or above. */
    private boolean mayApprove(Connection connection, String workspaceId, Actor approver) throws SQLException {
        if (!Actor.MEMBER.equals(approver.kind())) {
            return false;
        }
        return membership
                .lockedRole(connection, workspaceId, approver.id(), approver.credentialId())
                .map(role -> role.atLeast(Role.OPERATOR))
                .orElse(false);
    }

    /** A refusal of the approver, put on the record (best effort: nothing was decided) and returned to throw. */
    private ProblemException refused(
            String workspaceId,
            Actor approver,
            Approval approval,
            @Nullable String requestId,
            String code,
            String detail) {
        AuditEvent event = new AuditEvent(
                workspaceId,
                approver,
                "approval.approve",
                "approval:" + approval.id(),
                Decision.DENIED,
                code,
                detail,
                null,
                403,
                null,
                requestId);
        try {
            log.append(event);
        } catch (AuditUnavailableException e) {
            LOG.warn("Refusal of approval '{}' ({}) could not be recorded ({})", approval.id(), code, e.getMessage());
        }
        return new ProblemException(403, "Forbidden", detail);
    }

    private ToolOutcome run(ApprovalStore.Claimed claimed, Actor approver, @Nullable String requestId) {
        Approval approval = claimed.approval();
        Map<String, @Nullable Object> arguments;
        try {
            arguments = JsonValues.values(JsonValues.MAPPER.readTree(claimed.arguments()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn(
                    "Approval '{}' has unreadable arguments ({})",
                    approval.id(),
                    e.getClass().getSimpleName());
            return new ToolOutcome.Refused(500, "unreadable_arguments", "The stored call could not be read.");
        }
        String runId = ToolCall.MANUAL.equals(approval.runId()) ? null : approval.runId();
        ToolCall call = new ToolCall(
                approval.workspaceId(), approver, approval.tool(), arguments, runId, null, requestId, taint(approval));
        return invoker.runApproved(
                call,
                approval.id(),
                new Invoker.Binding(approval.toolVersion(), approval.policyVersion(), approval.argumentDigest()));
    }

    /** The taint the call was asked with, from its stored evidence, for its {@code tool.invoke} record. */
    private static Taint taint(Approval approval) {
        if (approval.evidence() == null) {
            return Taint.NONE;
        }
        try {
            JsonNode evidence = JsonValues.MAPPER.readTree(approval.evidence());
            return new Taint(
                    true,
                    strings(evidence.path("sources")),
                    strings(evidence.path("matched_arguments")),
                    strings(evidence.path("hosts")));
        } catch (JsonProcessingException e) {
            return new Taint(true, List.of(), List.of(), List.of());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
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
        AuditEvent event = new AuditEvent(
                workspaceId,
                actor,
                action,
                "approval:" + approval.id(),
                Decision.ALLOWED,
                null,
                "tool " + approval.tool() + " requested by " + approval.requesterId(),
                null,
                null,
                null,
                requestId);
        try {
            log.append(event);
        } catch (AuditUnavailableException e) {
            LOG.warn(
                    "{} of approval '{}' not done: it could not be recorded ({})",
                    action,
                    approval.id(),
                    e.getMessage());
            throw new ProblemException(
                    503, "Service Unavailable", "The decision could not be put on the record; nothing was decided.");
        }
    }
}
