package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.AgentSettings;
import io.portcullis.agent.internal.data.AgentStore;
import io.portcullis.agent.internal.data.ConversationStore;
import io.portcullis.agent.internal.data.ReviewStore;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunEvent;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditLog;
import io.portcullis.models.ModelCalls;
import io.portcullis.tools.ApprovalListener;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.vault.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The run engine. PLACEHOLDER of the base branch: the constructor and the lifecycle are fixed (the
 * component calls them); the engine helper writes the rest.
 */
public final class RunEngine implements Runs, ApprovalListener, AutoCloseable {

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
            Clock clock) {}

    /** Starts the workers and the sweeper. */
    public void start() {}

    @Override
    public void close() {}

    @Override
    public Started post(
            String workspaceId, String conversationId, Posted message, Actor actor, @Nullable String requestId) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<Run> cancel(String workspaceId, String runId, Actor actor, @Nullable String requestId) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<RunEvent> await(String workspaceId, String runId, long afterSeq, Duration max) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void decided(String workspaceId, String approvalId, String runId, String status) {}
}
