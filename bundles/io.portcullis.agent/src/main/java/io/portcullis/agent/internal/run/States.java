package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's moves: each one conditional update of its state, then a {@code run.state} audit record
 * (a move asked for by a request fails it with 503 when the record cannot be written; the engine's
 * own moves are logged) and a {@code run.state} event, and {@code run.end} last when it ended. A move that finds the run elsewhere
 * (another node, a cancel) changes nothing and records nothing.
 */
final class States {

    static final String ACTION = "run.state";
    private static final Logger LOG = LoggerFactory.getLogger(States.class);

    private final RunStore runs;
    private final AuditLog audit;
    private final EventBus events;

    States(RunStore runs, AuditLog audit, EventBus events) {
        this.runs = runs;
        this.audit = audit;
        this.events = events;
    }

    boolean move(
            String workspaceId,
            String runId,
            RunState from,
            RunState to,
            @Nullable String reason,
            Actor actor,
            @Nullable String requestId)
            throws SQLException {
        if (!runs.transition(workspaceId, runId, from, to, to.terminal() ? reason : null)) {
            return false;
        }
        recorded(workspaceId, runId, to, reason, actor, requestId);
        return true;
    }

    /** Records a move already made (the create of a queued run, a claim). */
    void recorded(
            String workspaceId,
            String runId,
            RunState to,
            @Nullable String reason,
            Actor actor,
            @Nullable String requestId)
            throws SQLException {
        AuditEvent event = new AuditEvent(
                workspaceId,
                actor,
                ACTION,
                "run:" + runId,
                Decision.ALLOWED,
                to.id(),
                reason,
                null,
                null,
                null,
                requestId);
        try {
            audit.append(event);
        } catch (AuditUnavailableException e) {
            if (!actor.equals(Loop.SYSTEM)) {
                throw new ProblemException(503, "Service Unavailable", "The audit log is unavailable; try again.");
            }
            LOG.warn("Run '{}' moved to {} but the move could not be recorded ({})", runId, to.id(), e.getMessage());
        }
        var data = Json.object().put("state", to.id());
        if (reason != null) {
            data.put("reason", reason);
        }
        events.append(workspaceId, runId, "run.state", data);
        if (to.terminal()) {
            events.append(workspaceId, runId, "run.end", data.deepCopy());
            events.ended(runId);
        }
    }
}
