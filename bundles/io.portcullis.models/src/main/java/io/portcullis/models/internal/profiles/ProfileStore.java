package io.portcullis.models.internal.profiles;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.net.URI;
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
 * A workspace's model profiles. Every method runs in {@link Database#inWorkspace} and filters on the
 * workspace too, so a profile of another workspace is missing on both engines.
 */
public final class ProfileStore {

    /** A paging cursor: a profile id. */
    public static final Pattern CURSOR = Pattern.compile("[0-9a-f]{" + Ids.LENGTH + "}");

    private static final String COLUMNS =
            "id, workspace_id, name, plugin_id, model, credential_id, base_url, max_tokens, created_at, updated_at";

    private final Database database;
    private final Clock clock;

    public ProfileStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The fields a workspace admin sets. */
    public record Fields(
            String name,
            String pluginId,
            String model,
            @Nullable String credentialId,
            @Nullable URI baseUrl,
            int maxTokens) {}

    /** The 409 of a name taken in the workspace. */
    static ProblemException nameTaken() {
        return ProblemException.conflict("A model profile of this name exists in the workspace.");
    }

    /**
     * Creates a profile; {@code record} runs after the insert, before the commit (see
     * {@code OutcomeRecorder}). 409 when the name is taken.
     */
    public Profile create(String workspaceId, Fields fields, Runnable record) throws SQLException {
        Instant now = Jdbc.now(clock);
        Profile profile = new Profile(
                Ids.next(),
                workspaceId,
                fields.name(),
                fields.pluginId(),
                fields.model(),
                fields.credentialId(),
                fields.baseUrl(),
                fields.maxTokens(),
                now,
                now);
        try {
            database.inWorkspace(workspaceId, connection -> {
                Jdbc.update(
                        connection,
                        "INSERT INTO models.profiles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        profile.id(),
                        workspaceId,
                        profile.name(),
                        profile.pluginId(),
                        profile.model(),
                        profile.credentialId(),
                        url(profile.baseUrl()),
                        profile.maxTokens(),
                        now,
                        now);
                record.run();
                return null;
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw nameTaken();
            }
            throw e;
        }
        return profile;
    }

    public Optional<Profile> get(String workspaceId, String id) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.one(
                        connection,
                        ProfileStore::row,
                        "SELECT " + COLUMNS + " FROM models.profiles WHERE workspace_id = ? AND id = ?",
                        workspaceId,
                        id));
    }

    public Optional<Profile> byName(String workspaceId, String name) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.one(
                        connection,
                        ProfileStore::row,
                        "SELECT " + COLUMNS + " FROM models.profiles WHERE workspace_id = ? AND name = ?",
                        workspaceId,
                        name));
    }

    public Page<Profile> list(String workspaceId, PageRequest page) throws SQLException {
        List<Profile> rows = database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        ProfileStore::row,
                        "SELECT " + COLUMNS + " FROM models.profiles WHERE workspace_id = ? AND id > ?"
                                + " ORDER BY id FETCH FIRST " + page.fetch() + " ROWS ONLY",
                        workspaceId,
                        page.after()));
        return page.page(rows, Profile::id);
    }

    /** Replaces the fields of profile {@code id}; 404 when there is none in the workspace, 409 for a taken name. */
    public Profile update(String workspaceId, String id, Fields fields, Runnable record) throws SQLException {
        Instant now = Jdbc.now(clock);
        try {
            return database.inWorkspace(workspaceId, connection -> {
                int changed = Jdbc.update(
                        connection,
                        "UPDATE models.profiles SET name = ?, plugin_id = ?, model = ?, credential_id = ?, base_url = ?,"
                                + " max_tokens = ?, updated_at = ? WHERE workspace_id = ? AND id = ?",
                        fields.name(),
                        fields.pluginId(),
                        fields.model(),
                        fields.credentialId(),
                        url(fields.baseUrl()),
                        fields.maxTokens(),
                        now,
                        workspaceId,
                        id);
                if (changed == 0) {
                    throw ProblemException.notFound();
                }
                record.run();
                return Jdbc.one(
                                connection,
                                ProfileStore::row,
                                "SELECT " + COLUMNS + " FROM models.profiles WHERE workspace_id = ? AND id = ?",
                                workspaceId,
                                id)
                        .orElseThrow();
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw nameTaken();
            }
            throw e;
        }
    }

    /** Deletes profile {@code id}; 404 when there is none in the workspace. */
    public void delete(String workspaceId, String id, Runnable record) throws SQLException {
        database.inWorkspace(workspaceId, connection -> {
            int deleted = Jdbc.update(
                    connection, "DELETE FROM models.profiles WHERE workspace_id = ? AND id = ?", workspaceId, id);
            if (deleted == 0) {
                throw ProblemException.notFound();
            }
            record.run();
            return null;
        });
    }

    /** Deletes the workspace's profiles in the deleting transaction. */
    public static void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        Jdbc.update(connection, "DELETE FROM models.profiles WHERE workspace_id = ?", workspaceId);
    }

    private static @Nullable String url(@Nullable URI uri) {
        return uri == null ? null : uri.toString();
    }

    private static Profile row(ResultSet rows) throws SQLException {
        String baseUrl = rows.getString("base_url");
        return new Profile(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("name"),
                rows.getString("plugin_id"),
                rows.getString("model"),
                rows.getString("credential_id"),
                baseUrl == null ? null : URI.create(baseUrl),
                rows.getInt("max_tokens"),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.requiredInstant(rows, "updated_at"));
    }
}
