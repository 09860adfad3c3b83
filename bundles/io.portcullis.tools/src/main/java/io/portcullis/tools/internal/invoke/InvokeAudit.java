package io.portcullis.tools.internal.invoke;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.tools.ToolCall;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tool.invoke} record of one attempt, on the workspace's chain, target {@code tool:<name>},
 * with the arguments as canonical JSON (the log stores only their HMAC). Exactly one per attempt:
 * a refused attempt is recorded once its refusal is decided, with the status it answers; a call that
 * runs (or waits for an approval) is recorded <em>before</em> the plugin's code runs (or the approval
 * is stored), with status 200 (or 202) and the latency of the checks; its outcome is in the answer and,
 * for an approved call, in the approval's history. An attempt whose record cannot be committed does
 * not happen: the caller gets 503 and nothing runs.
 */
final class InvokeAudit {

    static final String ACTION = "tool.invoke";

    private static final Logger LOG = LoggerFactory.getLogger(InvokeAudit.class);

    private final AuditLog log;

    InvokeAudit(AuditLog log) {
        this.log = log;
    }

    /**
     * Appends the record of {@code call}.
     *
     * @param what the tool's version and plugin, or why it has none, for a reader of the record
     * @return false when it could not be committed: the caller must not act
     */
    boolean record(ToolCall call, Decision decision, String reasonCode, String what, @Nullable String arguments,
            int status, long startedNanos) {
        long latencyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        AuditEvent event = new AuditEvent(call.workspaceId(), call.actor(), ACTION, "tool:" + call.tool(), decision,
                reasonCode, what, arguments, status, latencyMillis, call.requestId());
        try {
            log.append(event);
            return true;
        } catch (AuditUnavailableException | RuntimeException e) {
            LOG.warn("Call of tool '{}' in workspace '{}' not made: it could not be recorded ({})", call.tool(),
                    call.workspaceId(), e.getMessage());
            return false;
        }
    }
}
