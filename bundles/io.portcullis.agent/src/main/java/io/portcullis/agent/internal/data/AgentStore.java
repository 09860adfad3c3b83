package io.portcullis.agent.internal.data;

import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's agents and their versions. Mutations take {@code record}, run after the write and
 * before the commit (the routes' audit record: nothing is changed if it cannot be written).
 */
public interface AgentStore {

    /** Creates version 1. 409 (ProblemException) when the name is taken in the workspace. */
    Agent create(String workspaceId, String name, AgentConfig config, String createdBy, Runnable record)
            throws SQLException;

    /** The agent at its current version. */
    Optional<Agent> find(String workspaceId, String agentId) throws SQLException;

    /** The agent at {@code version}, which a run recorded. */
    Optional<Agent> version(String workspaceId, String agentId, int version) throws SQLException;

    Page<Agent> list(String workspaceId, PageRequest page) throws SQLException;

    /**
     * Writes the next version (and renames when {@code name} is not null). Empty when there is no such
     * agent; 409 when the new name is taken.
     */
    Optional<Agent> update(
            String workspaceId,
            String agentId,
            @Nullable String name,
            AgentConfig config,
            String createdBy,
            Runnable record)
            throws SQLException;

    /** Deletes the agent and its versions; false when there is none. 409 while conversations use it. */
    boolean delete(String workspaceId, String agentId, Runnable record) throws SQLException;
}
