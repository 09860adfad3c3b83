package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.tools.ApprovalState;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every sweep interval, on every node: runs queued or running without a live lease (their node died,
 * or nobody took them) are claimed and resumed; runs awaiting an approval that was decided (on any
 * node) are resumed; runs left queued or awaiting longer than the longest wait are {@code expired}.
 */
final class Sweeper {

    static final int BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    /** What the sweeper asks of the engine. */
    interface Scheduler {
        /** Submits the run to a worker unless this node already has it in hand. */
        void submit(String workspaceId, String runId);

        boolean inHand(String runId);
    }

    private final Parts parts;
    private final Scheduler scheduler;

    Sweeper(Parts parts, Scheduler scheduler) {
        this.parts = parts;
        this.scheduler = scheduler;
    }

    void sweep() {
        try {
            for (RunStore.Due due : parts.runs().due(BATCH)) {
                if (scheduler.inHand(due.runId())) {
                    continue;
                }
                try {
                    look(due);
                } catch (Exception e) {
                    LOG.warn("Could not sweep run '{}': {}", due.runId(), e.toString());
                }
            }
        } catch (Exception e) {
            LOG.warn("Could not sweep runs: {}", e.toString());
        }
    }

    private void look(RunStore.Due due) throws SQLException {
        String ws = due.workspaceId();
        if (due.state() == RunState.RUNNING) {
            scheduler.submit(ws, due.runId());
            return;
        }
        Optional<Run> found = parts.runs().find(ws, due.runId());
        if (found.isEmpty() || found.get().state() != due.state()) {
            return;
        }
        Run run = found.get();
        boolean tooOld = run.updatedAt()
                .isBefore(Instant.now(parts.clock()).minus(parts.settings().maxWait()));
        if (due.state() == RunState.AWAITING_APPROVAL) {
            boolean settled = run.approvalId() == null
                    || parts.tools()
                            .approval(ws, run.approvalId())
                            .map(ApprovalState::settled)
                            .orElse(true);
            if (settled || run.cancelRequested()) {
                scheduler.submit(ws, run.id());
            } else if (tooOld) {
                parts.tools().expireApprovals(ws, run.id());
                parts.states()
                        .move(
                                ws,
                                run.id(),
                                RunState.AWAITING_APPROVAL,
                                RunState.EXPIRED,
                                "max_wait",
                                Loop.SYSTEM,
                                null);
            }
        } else if (due.state() == RunState.QUEUED) {
            if (tooOld) {
                parts.states().move(ws, run.id(), RunState.QUEUED, RunState.EXPIRED, "max_wait", Loop.SYSTEM, null);
            } else {
                scheduler.submit(ws, run.id());
            }
        }
    }
}
