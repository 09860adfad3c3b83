package io.portcullis.agent.internal.data;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link AgentStore} on the {@code agent} schema: {@code agents} and one {@code agent_versions} row per
 * version. An agent read at a version is as it was then: its {@code updatedAt} is when that version
 * was written, its name the agent's current one.
 */
public final class JdbcAgentStore implements AgentStore {

    /** A paging cursor: an agent id. */
    public static final Pattern CURSOR = Pattern.compile("[0-9a-f]{" + Ids.LENGTH + "}");

    private static final String SELECT = "SELECT a.id, a.workspace_id, a.name, v.version, v.config, a.created_at,"
            + " v.created_at AS updated_at FROM agent.agents a JOIN agent.agent_versions v"
            + " ON v.workspace_id = a.workspace_id AND v.agent_id = a.id";

    private final Database database;
    private final Clock clock;

    public JdbcAgentStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    static ProblemException nameTaken() {
        return ProblemException.conflict("An agent of this name exists in the workspace.");
    }

    @Override
    public Agent create(String workspaceId, String name, AgentConfig config, String createdBy, Runnable record)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        Agent agent = new Agent(Ids.next(), workspaceId, name, 1, config, now, now);
        try {
            database.inWorkspace(workspaceId, connection -> {
                Jdbc.update(
                        connection,
                        "INSERT INTO agent.agents (id, workspace_id, name, version, created_at, updated_at)"
                                + " VALUES (?, ?, ?, 1, ?, ?)",
                        agent.id(),
                        workspaceId,
                        name,
                        now,
                        now);
                insertVersion(connection, agent, createdBy);
                record.run();
                return null;
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw nameTaken();
            }
            throw e;
        }
        return agent;
    }

    @Override
    public Optional<Agent> find(String workspaceId, String agentId) throws SQLException {
        return database.inWorkspace(workspaceId, connection -> current(connection, workspaceId, agentId));
    }

    @Override
    public Optional<Agent> version(String workspaceId, String agentId, int version) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.one(
                        connection,
                        JdbcAgentStore::row,
                        SELECT + " WHERE a.workspace_id = ? AND a.id = ? AND v.version = ?",
                        workspaceId,
                        agentId,
                        version));
    }

    @Override
    public Page<Agent> list(String workspaceId, PageRequest page) throws SQLException {
        List<Agent> rows = database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        JdbcAgentStore::row,
                        SELECT + " AND v.version = a.version WHERE a.workspace_id = ? AND a.id > ?"
                                + " ORDER BY a.id FETCH FIRST " + page.fetch() + " ROWS ONLY",
                        workspaceId,
                        page.after()));
        return page.page(rows, Agent::id);
    }

    @Override
    public Optional<Agent> update(
            String workspaceId,
            String agentId,
            @Nullable String name,
            AgentConfig config,
            String createdBy,
            Runnable record)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        try {
            return database.inWorkspace(workspaceId, connection -> {
                // The UPDATE locks the row: concurrent updates take consecutive versions.
                int changed = Jdbc.update(
                        connection,
                        "UPDATE agent.agents SET version = version + 1, name = COALESCE(?, name), updated_at = ?"
                                + " WHERE workspace_id = ? AND id = ?",
                        name,
                        now,
                        workspaceId,
                        agentId);
                if (changed == 0) {
                    return Optional.<Agent>empty();
                }
                Agent head = Jdbc.one(
                                connection,
                                rows -> new Agent(
                                        rows.getString("id"),
                                        rows.getString("workspace_id"),
                                        rows.getString("name"),
                                        rows.getInt("version"),
                                        config,
                                        Jdbc.requiredInstant(rows, "created_at"),
                                        Jdbc.requiredInstant(rows, "updated_at")),
                                "SELECT id, workspace_id, name, version, created_at, updated_at FROM agent.agents"
                                        + " WHERE workspace_id = ? AND id = ?",
                                workspaceId,
                                agentId)
                        .orElseThrow();
                insertVersion(connection, head, createdBy);
                record.run();
                return Optional.of(head);
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw nameTaken();
            }
            throw e;
        }
    }

    @Override
    public boolean delete(String workspaceId, String agentId, Runnable record) throws SQLException {
        return database.inWorkspace(workspaceId, connection -> {
            // Delete first: the row lock makes a conversation being opened with this agent either
            // commit before (and be seen below) or find the agent gone.
            int deleted = Jdbc.update(
                    connection, "DELETE FROM agent.agents WHERE workspace_id = ? AND id = ?", workspaceId, agentId);
            if (deleted == 0) {
                return false;
            }
            boolean used = Jdbc.one(
                            connection,
                            rows -> rows.getString(1),
                            "SELECT id FROM agent.conversations WHERE workspace_id = ? AND agent_id = ?"
                                    + " FETCH FIRST 1 ROWS ONLY",
                            workspaceId,
                            agentId)
                    .isPresent();
            if (used) {
                throw ProblemException.conflict("Conversations use this agent; it cannot be deleted.");
            }
            record.run();
            return true;
        });
    }

    static Optional<Agent> current(Connection connection, String workspaceId, String agentId) throws SQLException {
        return Jdbc.one(
                connection,
                JdbcAgentStore::row,
                SELECT + " AND v.version = a.version WHERE a.workspace_id = ? AND a.id = ?",
                workspaceId,
                agentId);
    }

    private void insertVersion(Connection connection, Agent agent, String createdBy) throws SQLException {
        Jdbc.update(
                connection,
                "INSERT INTO agent.agent_versions (workspace_id, agent_id, version, config, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                agent.workspaceId(),
                agent.id(),
                agent.version(),
                StoreJson.config(agent.config()),
                createdBy,
                agent.updatedAt());
    }

    private static Agent row(ResultSet rows) throws SQLException {
        return new Agent(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("name"),
                rows.getInt("version"),
                StoreJson.config(rows.getString("config")),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.requiredInstant(rows, "updated_at"));
    }
}
