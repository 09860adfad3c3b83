package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.Role;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending invites of a workspace, as its admins see them. Every method takes the workspace of
 * the authenticated caller, runs in {@link Database#inWorkspace} and filters on {@code workspace_id}:
 * an invite of another workspace is {@link ProblemException#notFound()}, like one that does not
 * exist. Accepting an invite, before any workspace is known, is {@link InviteAcceptance}'s.
 */
final class InviteStore {

    /** What a new invite is to be: the name is validated, the role not yet against the inviter's. */
    record Spec(String name, Role role, Duration lifetime) {}

    private static final Logger LOG = LoggerFactory.getLogger(InviteStore.class);
    private static final String SELECT = "SELECT " + StoredInvite.COLUMNS + " FROM tenancy.invites ";
    private static final String PENDING = "accepted_at IS NULL AND expires_at > ?";

    private final Database database;
    private final Clock clock;

    InviteStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** An invite for a role no higher than {@code callerRole}; {@code createdBy} is the caller's credential id. */
    StoredInvite.Created create(String workspaceId, Role callerRole, String createdBy, Spec spec) throws SQLException {
        return create(workspaceId, Ids.next(), callerRole, createdBy, spec, () -> {});
    }

    /** As {@link #create(String, Role, String, Spec)}, under {@code inviteId}, drawn by the caller to record it first. */
    StoredInvite.Created create(
            String workspaceId, String inviteId, Role callerRole, String createdBy, Spec spec, Runnable beforeCommit)
            throws SQLException {
        if (!callerRole.atLeast(spec.role())) {
            throw Problems.aboveOwnRole(spec.role());
        }
        Instant now = Jdbc.now(clock);
        InviteToken token = InviteToken.generate(inviteId);
        byte[] hash = SecretHash.of(token.secret());
        StoredInvite invite = new StoredInvite(
                token.id(),
                workspaceId,
                spec.name(),
                spec.role(),
                hash,
                createdBy,
                now,
                now.plus(spec.lifetime()),
                null);
        database.inWorkspace(workspaceId, connection -> {
            Jdbc.update(
                    connection,
                    "INSERT INTO tenancy.invites (id, workspace_id, token_hash, role, invitee_name,"
                            + " created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    invite.id(),
                    workspaceId,
                    SecretHash.hex(hash),
                    invite.role().id(),
                    invite.name(),
                    createdBy,
                    now,
                    invite.expiresAt());
            beforeCommit.run();
            return null;
        });
        LOG.info(
                "Invite '{}' created for role {} by '{}', expires {}",
                invite.id(),
                invite.role().id(),
                createdBy,
                invite.expiresAt());
        return new StoredInvite.Created(invite, token);
    }

    /** The invites neither accepted nor expired. */
    Page<StoredInvite> pending(String workspaceId, PageRequest page) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(
                workspaceId,
                connection -> page.page(
                        Jdbc.list(
                                connection,
                                StoredInvite::read,
                                SELECT + "WHERE workspace_id = ? AND " + PENDING
                                        + " AND id > ? ORDER BY id FETCH FIRST " + page.fetch() + " ROWS ONLY",
                                workspaceId,
                                now,
                                page.after()),
                        StoredInvite::id));
    }

    /**
     * Withdraws an invite not yet accepted (expired ones too): its token stops working at once.
     * 404 if not of this workspace or already accepted, 403 if its role is above the caller's.
     */
    void withdraw(String workspaceId, String inviteId, Role callerRole) throws SQLException {
        withdraw(workspaceId, inviteId, callerRole, () -> {});
    }

    void withdraw(String workspaceId, String inviteId, Role callerRole, Runnable beforeCommit) throws SQLException {
        database.inWorkspace(workspaceId, connection -> {
            StoredInvite invite = Jdbc.one(
                            connection,
                            StoredInvite::read,
                            SELECT + "WHERE id = ? AND workspace_id = ? AND accepted_at IS NULL FOR UPDATE",
                            inviteId,
                            workspaceId)
                    .orElseThrow(ProblemException::notFound);
            if (!callerRole.atLeast(invite.role())) {
                throw Problems.aboveOwnRole(invite.role());
            }
            int deleted = Jdbc.update(
                    connection,
                    "DELETE FROM tenancy.invites WHERE id = ? AND workspace_id = ? AND accepted_at IS NULL",
                    inviteId,
                    workspaceId);
            if (deleted != 1) {
                throw ProblemException.notFound(); // accepted meanwhile
            }
            beforeCommit.run();
            return deleted;
        });
        LOG.info("Invite '{}' withdrawn", inviteId);
    }
}
