package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.Role;
import io.portcullis.tenancy.WorkspaceCleanup;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The platform's registry of workspaces. Creating and deleting a workspace also writes its members
 * and keys, so those run in {@link Database#inWorkspace} of the workspace concerned; the rest reads
 * the registry only ({@link Database#inTransaction}).
 */
final class WorkspaceStore {

    /** A new workspace with its first owner and the owner's first API key. */
    record Created(Records.Workspace workspace, Records.Member owner, Records.NewKey key) {}

    static final String OWNER_KEY_NAME = "initial owner key";

    private static final String SELECT = "SELECT " + Rows.WORKSPACE_COLUMNS + " FROM tenancy.workspaces ";

    private final Database database;
    private final Clock clock;
    private final Supplier<List<WorkspaceCleanup>> cleanups;

    WorkspaceStore(Database database, Clock clock) {
        this(database, clock, List::of);
    }

    WorkspaceStore(Database database, Clock clock, Supplier<List<WorkspaceCleanup>> cleanups) {
        this.database = database;
        this.clock = clock;
        this.cleanups = cleanups;
    }

    Created create(String name, String ownerName) throws SQLException {
        return create(Ids.next(), name, ownerName, () -> {});
    }

    /** A workspace under {@code id}, drawn by the caller so that it can be put on the record first. */
    Created create(String id, String name, String ownerName, Runnable beforeCommit) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(id, connection -> {
            Jdbc.update(
                    connection,
                    "INSERT INTO tenancy.workspaces (id, name, created_at) VALUES (?, ?, ?)",
                    id,
                    name,
                    now);
            Records.Member owner = MemberStore.insert(connection, now, id, ownerName, Role.OWNER);
            Records.NewKey key = ApiKeyStore.insert(connection, now, id, owner.id(), OWNER_KEY_NAME, Role.OWNER, null);
            beforeCommit.run();
            return new Created(new Records.Workspace(id, name, now), owner, key);
        });
    }

    Page<Records.Workspace> list(PageRequest page) throws SQLException {
        return database.inTransaction(connection -> page.page(
                Jdbc.list(
                        connection,
                        Rows::workspace,
                        SELECT + "WHERE id > ? ORDER BY id FETCH FIRST " + page.fetch() + " ROWS ONLY",
                        page.after()),
                Records.Workspace::id));
    }

    Optional<Records.Workspace> find(String id) throws SQLException {
        return database.inTransaction(connection -> Jdbc.one(connection, Rows::workspace, SELECT + "WHERE id = ?", id));
    }

    Optional<Records.Workspace> rename(String id, String name) throws SQLException {
        return rename(id, name, () -> {});
    }

    /** The renamed workspace, recorded before commit; empty (nothing recorded) if there is none. */
    Optional<Records.Workspace> rename(String id, String name, Runnable beforeCommit) throws SQLException {
        return database.inTransaction(connection -> {
            Jdbc.update(connection, "UPDATE tenancy.workspaces SET name = ? WHERE id = ?", name, id);
            Optional<Records.Workspace> renamed = Jdbc.one(connection, Rows::workspace, SELECT + "WHERE id = ?", id);
            if (renamed.isPresent()) {
                beforeCommit.run();
            }
            return renamed;
        });
    }

    /**
     * Deletes the workspace with its keys and members, and lets every {@link WorkspaceCleanup} delete
     * its data in the same transaction; false if there was none.
     */
    boolean delete(String id) throws SQLException {
        return delete(id, () -> {});
    }

    /** As {@link #delete(String)}, recording the deletion before commit; nothing recorded if there was none. */
    boolean delete(String id, Runnable beforeCommit) throws SQLException {
        return database.inWorkspace(id, connection -> {
            if (Jdbc.one(connection, Rows::workspace, SELECT + "WHERE id = ?", id)
                    .isEmpty()) {
                return false;
            }
            for (WorkspaceCleanup cleanup : cleanups.get()) {
                cleanup.deleteWorkspace(connection, id);
            }
            Jdbc.update(connection, "DELETE FROM tenancy.api_keys WHERE workspace_id = ?", id);
            Jdbc.update(connection, "DELETE FROM tenancy.members WHERE workspace_id = ?", id);
            boolean deleted = Jdbc.update(connection, "DELETE FROM tenancy.workspaces WHERE id = ?", id) == 1;
            if (deleted) {
                beforeCommit.run();
            }
            return deleted;
        });
    }
}
