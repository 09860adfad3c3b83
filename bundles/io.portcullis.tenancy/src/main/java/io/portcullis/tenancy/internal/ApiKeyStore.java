package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.Role;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The API keys of a workspace. Every method takes the workspace of the authenticated caller, runs in
 * {@link Database#inWorkspace} and filters on {@code workspace_id}: a key of another workspace is
 * {@link ProblemException#notFound()}, exactly like one that does not exist.
 */
final class ApiKeyStore {

    /** What a new key is to be: the name is validated, the role and member not yet. */
    record Spec(
            String name,
            Role role,
            @Nullable Instant expiresAt,
            @Nullable String memberId) {}

    /** Who makes a key: their effective role and the member they act as. */
    record Maker(Role role, String memberId) {}

    private static final String SELECT = "SELECT " + Rows.KEY_COLUMNS + " FROM tenancy.api_keys ";
    private static final String SELECT_LISTED = "SELECT " + Rows.LISTED_KEY_COLUMNS + Rows.LISTED_KEY_FROM;

    private final Database database;
    private final Clock clock;

    ApiKeyStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** As {@link #create(String, String, Maker, Spec, Runnable)}, under a new id, recording nothing. */
    Records.NewKey create(String workspaceId, Maker maker, Spec spec) throws SQLException {
        return create(workspaceId, Ids.next(), maker, spec, () -> {});
    }

    /**
     * A key acting as one member: the maker's own unless {@code spec} names another, which only an owner
     * may do. The key's role is no higher than the maker's nor than its member's. Runs
     * {@code beforeCommit} (the record) after the insert, in its transaction.
     */
    Records.NewKey create(String workspaceId, String keyId, Maker maker, Spec spec, Runnable beforeCommit)
            throws SQLException {
        if (!maker.role().atLeast(spec.role())) {
            throw Problems.aboveOwnRole(spec.role());
        }
        String memberId = spec.memberId() == null ? maker.memberId() : spec.memberId();
        if (!memberId.equals(maker.memberId()) && maker.role() != Role.OWNER) {
            throw Problems.forbidden("Creating a key for another member requires role owner.", "key_for_other_member");
        }
        Instant now = Jdbc.now(clock);
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(now)) {
            throw ProblemException.badRequest("Field 'expires_at' must be in the future.");
        }
        return database.inWorkspace(workspaceId, connection -> {
            Records.Member member =
                    MemberStore.find(connection, workspaceId, memberId).orElseThrow(ProblemException::notFound);
            if (!member.role().atLeast(spec.role())) {
                throw ProblemException.badRequest("Field 'role' must not be above the member's role.");
            }
            Records.NewKey created = insert(
                    connection, keyId, now, workspaceId, memberId, spec.name(), spec.role(), spec.expiresAt(), null);
            beforeCommit.run();
            return created;
        });
    }

    Page<Records.ListedKey> list(String workspaceId, PageRequest page) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> page.page(
                        Jdbc.list(
                                connection,
                                Rows::listedKey,
                                SELECT_LISTED + "WHERE k.workspace_id = ? AND k.id > ? ORDER BY k.id FETCH FIRST "
                                        + page.fetch() + " ROWS ONLY",
                                workspaceId,
                                page.after()),
                        listed -> listed.key().id()));
    }

    Optional<Records.ListedKey> find(String workspaceId, String keyId) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.one(
                        connection,
                        Rows::listedKey,
                        SELECT_LISTED + "WHERE k.id = ? AND k.workspace_id = ?",
                        keyId,
                        workspaceId));
    }

    Records.NewKey rotate(String workspaceId, String keyId, Role callerRole, Duration grace) throws SQLException {
        return rotate(workspaceId, keyId, callerRole, grace, () -> {});
    }

    /**
     * A new key with the old one's name, role, member and expiry; the old key keeps working for
     * {@code grace}, then stops. A key can be rotated once, while it is usable.
     */
    Records.NewKey rotate(String workspaceId, String keyId, Role callerRole, Duration grace, Runnable beforeCommit)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            Records.Key old = lockOwn(connection, workspaceId, keyId, callerRole);
            if (!old.usableAt(now) || old.graceUntil() != null) {
                throw ProblemException.conflict(
                        "Only a key that is neither revoked, expired nor rotated can be rotated.");
            }
            Jdbc.update(
                    connection,
                    "UPDATE tenancy.api_keys SET grace_until = ? WHERE id = ? AND workspace_id = ?",
                    now.plus(grace),
                    keyId,
                    workspaceId);
            Records.NewKey created = insert(
                    connection,
                    Ids.next(),
                    now,
                    workspaceId,
                    old.memberId(),
                    old.name(),
                    old.role(),
                    old.expiresAt(),
                    keyId);
            beforeCommit.run();
            return created;
        });
    }

    void revoke(String workspaceId, String keyId, Role callerRole) throws SQLException {
        revoke(workspaceId, keyId, callerRole, () -> {});
    }

    /**
     * Revokes a key, effective for the next request; revoking a revoked key changes nothing. Revoking
     * the new key of a rotation pair ends the old key's grace too: whoever revokes the new key of a
     * leaked one means neither to work. (Revoking the old key ends its own grace.)
     */
    void revoke(String workspaceId, String keyId, Role callerRole, Runnable beforeCommit) throws SQLException {
        Instant now = Jdbc.now(clock);
        database.inWorkspace(workspaceId, connection -> {
            lockOwn(connection, workspaceId, keyId, callerRole);
            Jdbc.update(
                    connection,
                    "UPDATE tenancy.api_keys SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL",
                    now,
                    keyId,
                    workspaceId);
            Jdbc.update(
                    connection,
                    "UPDATE tenancy.api_keys SET revoked_at = ? WHERE workspace_id = ?"
                            + " AND revoked_at IS NULL AND grace_until IS NOT NULL AND id IN"
                            + " (SELECT rotated_from FROM tenancy.api_keys WHERE id = ? AND workspace_id = ?)",
                    now,
                    workspaceId,
                    keyId,
                    workspaceId);
            beforeCommit.run();
            return null;
        });
    }

    /** Inserts a key of {@code memberId} inside an open transaction of {@code workspaceId}. */
    static Records.NewKey insert(
            Connection connection,
            Instant now,
            String workspaceId,
            String memberId,
            String name,
            Role role,
            @Nullable Instant expiresAt)
            throws SQLException {
        return insert(connection, Ids.next(), now, workspaceId, memberId, name, role, expiresAt, null);
    }

    /** Inserts the key {@code keyId} inside an open transaction of {@code workspaceId}. */
    static Records.NewKey insert(
            Connection connection,
            String keyId,
            Instant now,
            String workspaceId,
            String memberId,
            String name,
            Role role,
            @Nullable Instant expiresAt,
            @Nullable String rotatedFrom)
            throws SQLException {
        ApiKeyToken token = ApiKeyToken.generate(keyId);
        byte[] hash = SecretHash.of(token.secret());
        Jdbc.update(
                connection,
                "INSERT INTO tenancy.api_keys (id, workspace_id, member_id, name, role, secret_hash, "
                        + "created_at, expires_at, rotated_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                token.id(),
                workspaceId,
                memberId,
                name,
                role.id(),
                SecretHash.hex(hash),
                now,
                expiresAt,
                rotatedFrom);
        Records.Key key =
                new Records.Key(token.id(), workspaceId, memberId, name, role, hash, now, null, expiresAt, null, null);
        return new Records.NewKey(key, token);
    }

    /** The key, locked for this transaction; 404 if not of this workspace, 403 if above the caller. */
    private static Records.Key lockOwn(Connection connection, String workspaceId, String keyId, Role callerRole)
            throws SQLException {
        Records.Key key = Jdbc.one(
                        connection,
                        Rows::key,
                        SELECT + "WHERE id = ? AND workspace_id = ? FOR UPDATE",
                        keyId,
                        workspaceId)
                .orElseThrow(ProblemException::notFound);
        if (!callerRole.atLeast(key.role())) {
            throw Problems.aboveOwnRole(key.role());
        }
        return key;
    }
}
