package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The credentials of a workspace. Every method takes the workspace of the authenticated caller, runs
 * in {@link Database#inWorkspace} and filters on {@code workspace_id}: a credential of another
 * workspace is {@link ProblemException#notFound()}, exactly like one that does not exist. Values go in
 * sealed and never come out of here; the redactor's registry is the caller's business, after commit.
 */
final class CredentialStore {

    private final Database database;
    private final CredentialCipher cipher;
    private final Clock clock;

    CredentialStore(Database database, CredentialCipher cipher, Clock clock) {
        this.database = database;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * A new credential at version 1 under {@code id}; 409 if the workspace has one of that name. Every
     * change here runs {@code record} in its transaction, after its statements and before the commit,
     * and only when it succeeds: a record that throws rolls the change back.
     */
    StoredCredential create(String workspaceId, String id, Bodies.NewCredential spec, Runnable record)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(now)) {
            throw ProblemException.badRequest("Field 'expires_at' must be in the future.");
        }
        // The change's record is written inside its transaction, and its HMAC needs the workspace's data
        // key: created in that transaction, the key would stay locked from the audit writer until a
        // commit that waits for the writer. So a workspace's first key commits on its own, first.
        database.inWorkspace(workspaceId, connection -> {
            cipher.ensureKey(connection, workspaceId);
            return null;
        });
        try {
            return database.inWorkspace(workspaceId, connection -> {
                if (Jdbc.one(
                                connection,
                                rows -> 1,
                                "SELECT 1 FROM vault.credentials WHERE workspace_id = ? AND name = ?",
                                workspaceId,
                                spec.name())
                        .isPresent()) {
                    throw duplicateName();
                }
                CredentialCipher.Sealed sealed = cipher.seal(connection, workspaceId, id, 1, spec.value());
                Jdbc.update(
                        connection,
                        "INSERT INTO vault.credentials (" + CredentialRows.COLUMNS + ", ciphertext)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, NULL, NULL, ?)",
                        id,
                        workspaceId,
                        spec.name(),
                        spec.kind().id(),
                        JsonText.object(spec.metadata()),
                        JsonText.array(spec.allowedHosts()),
                        spec.readOnly(),
                        spec.expiresAt(),
                        sealed.fingerprint(),
                        now,
                        sealed.ciphertext());
                record.run();
                return new StoredCredential(
                        id,
                        workspaceId,
                        spec.name(),
                        spec.kind(),
                        spec.metadata(),
                        spec.allowedHosts(),
                        spec.readOnly(),
                        spec.expiresAt(),
                        1,
                        sealed.fingerprint(),
                        now,
                        null,
                        null,
                        List.of());
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw duplicateName(); // a concurrent create of the same name won
            }
            throw e;
        }
    }

    Page<StoredCredential> list(String workspaceId, PageRequest page) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> page.page(
                        CredentialRows.page(connection, workspaceId, page.after(), page.fetch()),
                        StoredCredential::id));
    }

    Optional<StoredCredential> find(String workspaceId, String id) throws SQLException {
        return database.inWorkspace(workspaceId, connection -> CredentialRows.find(connection, workspaceId, id));
    }

    /** A new value under the next version; the old ciphertext is overwritten. 404 if not of this workspace. */
    StoredCredential rotate(String workspaceId, String id, String value, Runnable record) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            StoredCredential old = lock(connection, workspaceId, id);
            String checked = SecretValues.require(old.kind(), value);
            int version = old.version() + 1;
            CredentialCipher.Sealed sealed = cipher.seal(connection, workspaceId, id, version, checked);
            Jdbc.update(
                    connection,
                    "UPDATE vault.credentials SET version = ?, ciphertext = ?, fingerprint = ?,"
                            + " rotated_at = ? WHERE id = ? AND workspace_id = ?",
                    version,
                    sealed.ciphertext(),
                    sealed.fingerprint(),
                    now,
                    id,
                    workspaceId);
            StoredCredential rotated =
                    CredentialRows.find(connection, workspaceId, id).orElseThrow(ProblemException::notFound);
            record.run();
            return rotated;
        });
    }

    /** Deletes a credential and its bindings; 404 if the workspace has no such credential. */
    void delete(String workspaceId, String id, Runnable record) throws SQLException {
        database.inWorkspace(workspaceId, connection -> {
            if (Jdbc.update(
                            connection,
                            "DELETE FROM vault.credentials WHERE id = ? AND workspace_id = ?",
                            id,
                            workspaceId)
                    == 0) {
                throw ProblemException.notFound();
            }
            record.run();
            return null;
        });
    }

    /** Binds a credential to a plugin; binding it again changes nothing. 404 if not of this workspace. */
    void bind(String workspaceId, String id, String pluginId, Runnable record) throws SQLException {
        Instant now = Jdbc.now(clock);
        database.inWorkspace(workspaceId, connection -> {
            lock(connection, workspaceId, id); // a concurrent bind of the same pair waits here
            if (Jdbc.one(
                            connection,
                            rows -> 1,
                            "SELECT 1 FROM vault.credential_bindings"
                                    + " WHERE credential_id = ? AND plugin_id = ? AND workspace_id = ?",
                            id,
                            pluginId,
                            workspaceId)
                    .isEmpty()) {
                Jdbc.update(
                        connection,
                        "INSERT INTO vault.credential_bindings"
                                + " (workspace_id, credential_id, plugin_id, created_at) VALUES (?, ?, ?, ?)",
                        workspaceId,
                        id,
                        pluginId,
                        now);
            }
            record.run();
            return null;
        });
    }

    /** Unbinds; 404 if the credential (of this workspace) was not bound to the plugin. */
    void unbind(String workspaceId, String id, String pluginId, Runnable record) throws SQLException {
        database.inWorkspace(workspaceId, connection -> {
            if (Jdbc.update(
                            connection,
                            "DELETE FROM vault.credential_bindings WHERE credential_id = ? AND plugin_id = ?"
                                    + " AND workspace_id = ?",
                            id,
                            pluginId,
                            workspaceId)
                    == 0) {
                throw ProblemException.notFound();
            }
            record.run();
            return null;
        });
    }

    /** Deletes every credential and binding of a workspace, on the deleting transaction's connection. */
    static void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        Jdbc.update(connection, "DELETE FROM vault.credential_bindings WHERE workspace_id = ?", workspaceId);
        Jdbc.update(connection, "DELETE FROM vault.credentials WHERE workspace_id = ?", workspaceId);
    }

    /** The credential, locked for this transaction; 404 if not of this workspace. */
    private static StoredCredential lock(Connection connection, String workspaceId, String id) throws SQLException {
        if (Jdbc.one(
                        connection,
                        rows -> 1,
                        "SELECT 1 FROM vault.credentials WHERE id = ? AND workspace_id = ? FOR UPDATE",
                        id,
                        workspaceId)
                .isEmpty()) {
            throw ProblemException.notFound();
        }
        return CredentialRows.find(connection, workspaceId, id).orElseThrow(ProblemException::notFound);
    }

    private static ProblemException duplicateName() {
        return ProblemException.conflict("A credential of this name exists in the workspace.");
    }
}
