package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.KeyPrincipal;
import io.portcullis.tenancy.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the key an authentication names, before its workspace is known: the transaction sets
 * {@value Sql#KEY_SETTING} to the key's id, which PostgreSQL's row-level security lets read that one
 * row; then, in the key's own workspace, the member's role, which caps the key's. Nothing is cached:
 * a revoked key fails on the next request.
 */
final class KeyLookup {

    /** A stored key as authentication needs it; {@code secretHash} is compared, never shown. */
    record Candidate(KeyPrincipal principal, byte[] secretHash, boolean usable) {}

    private final Database database;

    KeyLookup(Database database) {
        this.database = database;
    }

    /** The key with {@code keyId} (an id that passed the key format), usable or not, or empty. */
    Optional<Candidate> find(String keyId, Instant now) throws SQLException {
        return database.inTransaction(connection -> {
            Jdbc.setLocal(database, connection, Sql.KEY_SETTING, keyId);
            Optional<Records.Key> found = Jdbc.one(
                    connection, Rows::key, "SELECT " + Rows.KEY_COLUMNS + " FROM tenancy.api_keys WHERE id = ?", keyId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Records.Key key = found.get();
            Optional<Role> role = effectiveRole(connection, key);
            KeyPrincipal principal =
                    new KeyPrincipal(key.id(), key.workspaceId(), key.memberId(), role.orElse(key.role()));
            return Optional.of(new Candidate(principal, key.secretHash(), role.isPresent() && key.usableAt(now)));
        });
    }

    /** The key's role capped by its member's current role; empty if the key's member is gone. */
    private Optional<Role> effectiveRole(Connection connection, Records.Key key) throws SQLException {
        String memberId = key.memberId();
        Jdbc.setLocal(database, connection, Database.WORKSPACE_SETTING, key.workspaceId());
        return MemberStore.find(connection, key.workspaceId(), memberId).map(m -> Role.min(key.role(), m.role()));
    }
}
