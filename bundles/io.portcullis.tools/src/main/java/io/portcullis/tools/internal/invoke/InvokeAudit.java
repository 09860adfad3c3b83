package io.portcullis.tools.internal.invoke;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of a call, on the workspace's chain, with the arguments as canonical JSON (the log
 * stores only their HMAC). Exactly one {@code tool.invoke} record (target {@code tool:<name>}) per
 * call, written once its outcome is known: a refusal with the status it answers, a call that ran with
 * how it ended ({@code allowed}, or {@code error} with the tool's error code, or {@code denied}
 * {@code egress_refused} when the guard refused one of its sends) and the latency of the whole call.
 * A call that needs an approval is recorded as {@code approval.request} (target
 * {@code approval:<id>}, status 202) when it is asked; its {@code tool.invoke} record is written when
 * the approval runs it. Before anything runs, the log must be {@linkplain AuditLog#writable()
 * writable} (503 and nothing runs otherwise); a result whose record then cannot be committed is
 * withheld (503) and the server's log names the call. The records of a call whose caller had read
 * untrusted content carry its {@link Evidence} in their text: {@code taint: untrusted}, the sources, the
 * names of the matched arguments and the hosts (never an argument's value).
 */
final class InvokeAudit {

    static final String ACTION = "tool.invoke";
    static final String REQUEST = "approval.request";

    private static final Logger LOG = LoggerFactory.getLogger(InvokeAudit.class);

    private final AuditLog log;

    InvokeAudit(AuditLog log) {
        this.log = log;
    }

    /** Whether records can be committed now; a call must not start when they cannot. */
    boolean writable() {
        return log.writable();
    }

    /**
     * Appends the {@code tool.invoke} record of {@code call}.
     *
     * @param what the tool's version and plugin, or why it has none, for a reader of the record
     * @return false when it could not be committed: the caller must not act, or not answer a result
     */
    boolean record(
            ToolCall call,
            Decision decision,
            String reasonCode,
            String what,
            @Nullable String arguments,
            int status,
            long startedNanos) {
        return append(call, ACTION, "tool:" + call.tool(), decision, reasonCode, what, arguments, status, startedNanos);
    }

    /**
     * Appends the record of a call that ran, with how it ended: {@code denied} {@code egress_refused}
     * (403) when the guard refused one of its sends, whatever the tool answered; {@code allowed} with
     * {@code reason} (200) when it returned a result; else {@code error} with the tool's error code.
     */
    boolean ran(
            ToolCall call,
            ToolOutcome.Completed completed,
            @Nullable String egressRefusal,
            String reason,
            String what,
            String arguments,
            long startedNanos) {
        if (egressRefusal != null) {
            return record(
                    call,
                    Decision.DENIED,
                    "egress_refused",
                    what + "; a send was refused: " + egressRefusal + "; the tool answered " + completed.code(),
                    arguments,
                    403,
                    startedNanos);
        }
        if (completed.ok()) {
            return record(call, Decision.ALLOWED, reason, what, arguments, 200, startedNanos);
        }
        return record(
                call, Decision.ERROR, completed.code(), what, arguments, errorStatus(completed.code()), startedNanos);
    }

    /** The status of a call that ran and failed: its deadline passed (504), or the tool failed (502). */
    private static int errorStatus(String code) {
        return switch (code) {
            case "timeout" -> 504;
            case "cancelled" -> 503;
            default -> 502;
        };
    }

    /** Appends the {@code approval.request} record of a call waiting for approval {@code approvalId}. */
    boolean requested(ToolCall call, String approvalId, String what, String arguments, long startedNanos) {
        return append(
                call,
                REQUEST,
                "approval:" + approvalId,
                Decision.ALLOWED,
                "approval_pending",
                "tool " + call.tool() + ", " + what,
                arguments,
                202,
                startedNanos);
    }

    private boolean append(
            ToolCall call,
            String action,
            String target,
            Decision decision,
            String reasonCode,
            String what,
            @Nullable String arguments,
            int status,
            long startedNanos) {
        long latencyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        String taint = Evidence.auditText(call.taint());
        AuditEvent event = new AuditEvent(
                call.workspaceId(),
                call.actor(),
                action,
                target,
                decision,
                reasonCode,
                taint.isEmpty() ? what : taint + "; " + what,
                arguments,
                status,
                latencyMillis,
                call.requestId());
        try {
            log.append(event);
            return true;
        } catch (AuditUnavailableException | RuntimeException e) {
            LOG.warn(
                    "Call of tool '{}' in workspace '{}' ({}) could not be recorded ({})",
                    call.tool(),
                    call.workspaceId(),
                    reasonCode,
                    e.getMessage());
            return false;
        }
    }
}
