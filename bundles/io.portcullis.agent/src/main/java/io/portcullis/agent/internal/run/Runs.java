package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunEvent;
import io.portcullis.audit.Actor;
import io.portcullis.spi.ModelProvider.Trust;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the routes ask of the run engine. Thread-safe. */
public interface Runs {

    /**
     * A message to the agent.
     *
     * @param content as sent (the engine redacts it before storing)
     * @param trust {@code TRUSTED} for an operator's own words, {@code UNTRUSTED} for a customer's
     * @param authorKind {@code member}, {@code api_key} or {@code customer}
     * @param provenance {@code customer} for an untrusted message, else null
     */
    record Posted(
            String content,
            Trust trust,
            String authorKind,
            String authorId,
            @Nullable String provenance) {}

    /** The stored message and the run it queued. */
    record Started(ChatMessage message, Run run) {}

    /**
     * Appends the message to the conversation (which the caller checked exists and is open) and
     * queues a run of its agent's current version; audited ({@code run.state} queued). Runs of one
     * conversation run one at a time, in the order queued.
     */
    Started post(String workspaceId, String conversationId, Posted message, Actor actor, @Nullable String requestId)
            throws SQLException;

    /**
     * Asks the run to stop: it reaches {@code cancelled} within 2 s, its model stream aborted and its
     * pending approvals expired. Empty when there is no such run; a run that already ended is returned
     * as it is.
     */
    Optional<Run> cancel(String workspaceId, String runId, Actor actor, @Nullable String requestId) throws SQLException;

    /**
     * The run's events after {@code afterSeq}: at once when there are some, else waiting up to
     * {@code max} for the next (woken on this node as they are written; other nodes' by polling).
     * Empty after {@code max}.
     */
    List<RunEvent> await(String workspaceId, String runId, long afterSeq, Duration max)
            throws SQLException, InterruptedException;
}
