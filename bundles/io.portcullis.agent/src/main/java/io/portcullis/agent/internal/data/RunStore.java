package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs, their steps and their events. Times that decide leases are the database's, so nodes with
 * skewed clocks agree.
 */
public interface RunStore {

    /** A run the sweeper found: no live lease, or waiting for an approval. */
    record Due(
            String workspaceId,
            String runId,
            RunState state,
            @Nullable String approvalId) {}

    Run create(String workspaceId, NewRun run) throws SQLException;

    Optional<Run> find(String workspaceId, String runId) throws SQLException;

    /** By id (the cursor); of one conversation when not null. */
    Page<Run> list(String workspaceId, @Nullable String conversationId, PageRequest page) throws SQLException;

    /**
     * Takes the run for {@code node}: moves it from one of {@code from} to {@code running} and sets the
     * lease, only if no other node holds a live lease. Empty when it was not taken.
     */
    Optional<Run> claim(String workspaceId, String runId, Set<RunState> from, String node, Duration lease)
            throws SQLException;

    /** Extends the lease; false when {@code node} no longer holds it (stop working on the run). */
    boolean renew(String workspaceId, String runId, String node, Duration lease) throws SQLException;

    /**
     * Moves the run from {@code from} to {@code to} (the lease is released unless {@code to} is
     * running; a terminal state sets {@code ended_at} and {@code endReason}). False when it was not in
     * {@code from}: another node or a cancel moved it first.
     */
    boolean transition(String workspaceId, String runId, RunState from, RunState to, @Nullable String endReason)
            throws SQLException;

    /** Sets {@code cancel_requested} on a run that has not ended; false when it has (or is missing). */
    boolean requestCancel(String workspaceId, String runId) throws SQLException;

    /** Adds to the run's counters. */
    void count(
            String workspaceId,
            String runId,
            int modelCalls,
            int toolCalls,
            long inputTokens,
            long outputTokens,
            long costMicros,
            long activeMillis)
            throws SQLException;

    /** Sets the run's label (only ever from trusted to untrusted) and the approval it waits for. */
    void mark(String workspaceId, String runId, Trust label, @Nullable String approvalId) throws SQLException;

    /** Starts a step at the next sequence number. */
    RunStep startStep(String workspaceId, String runId, NewStep step) throws SQLException;

    /** Ends (or parks: {@code pending}) a step; {@code detail} replaces the step's detail. */
    void finishStep(
            String workspaceId,
            String runId,
            int seq,
            String state,
            String detail,
            @Nullable String usageId,
            @Nullable String approvalId)
            throws SQLException;

    /** The run's steps, in order. */
    List<RunStep> steps(String workspaceId, String runId) throws SQLException;

    /** Appends an event at the next sequence number; returns that number. */
    long appendEvent(String workspaceId, String runId, String type, String data) throws SQLException;

    /** Up to {@code max} events after {@code afterSeq}, in order. */
    List<RunEvent> events(String workspaceId, String runId, long afterSeq, int max) throws SQLException;

    /**
     * Every workspace's runs that a node should look at: queued or running without a live lease, and
     * awaiting an approval (to see whether it was decided). At most {@code max}.
     */
    List<Due> due(int max) throws SQLException;

    /** Deletes everything the agent bundle holds for the workspace, in the deleting transaction. */
    void deleteWorkspace(Connection connection, String workspaceId) throws SQLException;
}
