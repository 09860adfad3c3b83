package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.AgentSettings;
import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.AgentStore;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.Conversation;
import io.portcullis.agent.internal.data.ConversationStore;
import io.portcullis.agent.internal.data.NewMessage;
import io.portcullis.agent.internal.data.NewRun;
import io.portcullis.agent.internal.data.ReviewStore;
import io.portcullis.agent.internal.data.Role;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunEvent;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.models.ModelCalls;
import io.portcullis.tools.ApprovalListener;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.vault.Redactor;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run engine: a bounded pool of workers advances runs (see {@link Loop}); a run waiting for an
 * approval holds no thread and is submitted again when the approval is decided ({@link #decided}, or
 * the sweeper's poll). A run is in this node's hand at most once: a submission while it is in hand
 * makes the worker look at it once more when it is done.
 */
public final class RunEngine implements Runs, ApprovalListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);

    private final Parts parts;
    private final EventBus events;
    private final Sweeper sweeper;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    /** Runs in this node's hand: false while a worker has it, true when it must look once more. */
    private final ConcurrentMap<String, Boolean> inHand = new ConcurrentHashMap<>();

    public RunEngine(
            AgentStore agents,
            ConversationStore conversations,
            RunStore runs,
            ReviewStore review,
            ModelCalls models,
            ToolInvoker tools,
            AuditLog audit,
            Redactor redactor,
            AgentSettings settings,
            Clock clock) {
        this.events = new EventBus(runs);
        Cancels cancels = new Cancels();
        this.parts = new Parts(
                agents,
                conversations,
                runs,
                review,
                models,
                tools,
                audit,
                redactor,
                settings,
                clock,
                events,
                cancels,
                new Leases(runs, cancels, settings.lease()),
                new States(runs, audit, events));
        this.sweeper = new Sweeper(parts, new Sweeper.Scheduler() {
            @Override
            public void submit(String workspaceId, String runId) {
                RunEngine.this.submit(workspaceId, runId);
            }

            @Override
            public boolean inHand(String runId) {
                return inHand.containsKey(runId);
            }
        });
        this.workers = new ThreadPoolExecutor(
                settings.workers(),
                settings.workers(),
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                named("agent-run-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("agent-sweeper-"));
    }

    /** Starts the workers and the sweeper. */
    public void start() {
        workers.prestartAllCoreThreads();
        timer.scheduleWithFixedDelay(parts.leases()::tick, 1, 1, TimeUnit.SECONDS);
        long sweep = Math.max(10, parts.settings().sweepInterval().toMillis());
        timer.scheduleWithFixedDelay(sweeper::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        // Without interrupts first: a thread interrupted while H2 writes its file closes the database.
        // A run cut short here is resumed by another node (or this one, restarted) once its lease ends.
        timer.shutdown();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
    }

    @Override
    public Started post(
            String workspaceId, String conversationId, Posted message, Actor actor, @Nullable String requestId)
            throws SQLException {
        if (!parts.audit().writable()) {
            throw unavailable();
        }
        Conversation conversation = parts.conversations()
                .find(workspaceId, conversationId)
                .orElseThrow(() -> new IllegalArgumentException("no such conversation"));
        Agent agent = parts.agents()
                .find(workspaceId, conversation.agentId())
                .orElseThrow(() -> new IllegalArgumentException("no such agent"));
        ChatMessage stored = parts.conversations()
                .append(
                        workspaceId,
                        new NewMessage(
                                conversationId,
                                Role.USER,
                                parts.redactor().redact(workspaceId, message.content()),
                                message.trust(),
                                Visibility.CUSTOMER,
                                null,
                                null,
                                List.of(),
                                message.provenance(),
                                message.authorKind(),
                                message.authorId()));
        Run run = parts.runs()
                .create(
                        workspaceId,
                        new NewRun(
                                conversationId,
                                agent.id(),
                                agent.version(),
                                stored.id(),
                                actor.kind(),
                                actor.id(),
                                message.trust()));
        parts.states().recorded(workspaceId, run.id(), RunState.QUEUED, null, actor, requestId);
        submit(workspaceId, run.id());
        return new Started(stored, run);
    }

    @Override
    public Optional<Run> cancel(String workspaceId, String runId, Actor actor, @Nullable String requestId)
            throws SQLException {
        Optional<Run> found = parts.runs().find(workspaceId, runId);
        if (found.isEmpty() || found.get().state().terminal()) {
            return found;
        }
        try {
            parts.audit().append(AuditEvent.allowed(workspaceId, actor, "run.cancel", "run:" + runId, requestId));
        } catch (AuditUnavailableException e) {
            throw unavailable();
        }
        parts.cancels().request(runId);
        // A run no worker holds ends here and now; one that a worker holds (or takes meanwhile) sees
        // the flag at its next step, or its model call is aborted.
        RunState state = found.get().state();
        boolean ended = (state == RunState.QUEUED || state == RunState.AWAITING_APPROVAL)
                && parts.states().move(workspaceId, runId, state, RunState.CANCELLED, "cancelled", actor, requestId);
        if (!ended) {
            parts.runs().requestCancel(workspaceId, runId);
        }
        parts.tools().expireApprovals(workspaceId, runId);
        if (ended) {
            next(workspaceId, found.get().conversationId());
        }
        return parts.runs().find(workspaceId, runId);
    }

    @Override
    public List<RunEvent> await(String workspaceId, String runId, long afterSeq, Duration max)
            throws SQLException, InterruptedException {
        return parts.events().await(workspaceId, runId, afterSeq, max.toMillis());
    }

    @Override
    public void decided(String workspaceId, String approvalId, String runId, String status) {
        try {
            submit(workspaceId, runId);
        } catch (RuntimeException e) {
            LOG.warn("Could not resume run '{}' after its approval: {}", runId, e.toString());
        }
    }

    /** Runs this node's workers have in hand (queued to them or running). */
    int inHand() {
        return inHand.size();
    }

    /** Hands the run to a worker, or asks the worker that has it to look once more. */
    void submit(String workspaceId, String runId) {
        if (inHand.putIfAbsent(runId, Boolean.FALSE) == null) {
            try {
                workers.execute(() -> work(workspaceId, runId));
            } catch (RuntimeException e) { // closing
                inHand.remove(runId);
            }
        } else {
            inHand.replace(runId, Boolean.FALSE, Boolean.TRUE);
        }
    }

    private void work(String workspaceId, String runId) {
        do {
            advance(workspaceId, runId);
        } while (!inHand.remove(runId, Boolean.FALSE) && inHand.replace(runId, Boolean.TRUE, Boolean.FALSE));
    }

    /** Claims the run if it can move and runs its loop on this thread. */
    private void advance(String workspaceId, String runId) {
        try {
            Run run = parts.runs().find(workspaceId, runId).orElse(null);
            if (run == null || run.state().terminal() || !ready(run)) {
                return;
            }
            Optional<Run> claimed = parts.leases().claim(workspaceId, runId, Set.of(run.state()));
            if (claimed.isEmpty()) {
                return;
            }
            String reason = run.state() == RunState.RUNNING ? "resumed" : null;
            parts.states().recorded(workspaceId, runId, RunState.RUNNING, reason, Loop.SYSTEM, null);
            Optional<Agent> agent = parts.agents().version(workspaceId, run.agentId(), run.agentVersion());
            Optional<ChatMessage> trigger = parts.conversations().message(workspaceId, run.triggerMessageId());
            if (agent.isEmpty() || trigger.isEmpty()) {
                parts.states()
                        .move(
                                workspaceId,
                                runId,
                                RunState.RUNNING,
                                RunState.FAILED,
                                "agent_missing",
                                Loop.SYSTEM,
                                null);
                return;
            }
            new Loop(parts, claimed.get(), agent.get(), trigger.get(), () -> submit(workspaceId, runId)).run();
            if (parts.runs()
                    .find(workspaceId, runId)
                    .map(r -> r.state().terminal())
                    .orElse(true)) {
                parts.cancels().forget(runId);
                next(workspaceId, run.conversationId());
            }
        } catch (Exception e) {
            LOG.error("Run '{}' stopped on an error; the sweeper resumes it when its lease ends", runId, e);
        } finally {
            parts.leases().release(runId);
        }
    }

    /**
     * Submits the queued runs of the conversation, once one of its runs ended: the oldest can start now
     * (the store lets a queued run start only after the older ones of its conversation).
     */
    private void next(String workspaceId, String conversationId) throws SQLException {
        String after = "";
        do {
            Page<Run> page = parts.runs().list(workspaceId, conversationId, new PageRequest(PageRequest.MAX, after));
            for (Run queued : page.items()) {
                if (queued.state() == RunState.QUEUED) {
                    submit(workspaceId, queued.id());
                }
            }
            after = page.nextCursor();
        } while (after != null);
    }

    /** A run awaiting an approval moves only once it was decided, or cancelled. */
    private boolean ready(Run run) {
        if (run.state() != RunState.AWAITING_APPROVAL || run.cancelRequested() || run.approvalId() == null) {
            return true;
        }
        return parts.tools()
                .approval(run.workspaceId(), run.approvalId())
                .map(ApprovalState::settled)
                .orElse(true);
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "Service Unavailable", "The audit log is unavailable; try again.");
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
