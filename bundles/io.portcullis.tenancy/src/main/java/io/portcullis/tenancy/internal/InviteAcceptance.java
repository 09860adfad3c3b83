package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepting an invite, before any workspace is known, as {@link KeyLookup} finds a key: the
 * transaction sets {@value #INVITE_SETTING} to the token's invite id, which PostgreSQL's row-level
 * security lets read and update that one row. The secret's hash is compared in constant time (with
 * a dummy for an unknown id); one conditional {@code UPDATE} claims the invite, so of two concurrent
 * acceptances exactly one wins; then, in the invite's workspace and with the invite's role (never
 * anything from the request), the member and their first API key are made, in the same transaction.
 *
 * <p>Every refusal is {@link #invalid()}, the same problem whatever the reason, and never names the token.
 */
final class InviteAcceptance {

    /** Transaction-local setting naming the one invite an acceptance may read and claim (PostgreSQL). */
    static final String INVITE_SETTING = "portcullis.invite_id";

    static final String KEY_NAME = "initial member key";

    /** What an acceptance made: the new member of the invite's workspace and their key, shown once. */
    record Accepted(String inviteId, String workspaceId, Records.Member member, Records.NewKey key) {}

    private static final Logger LOG = LoggerFactory.getLogger(InviteAcceptance.class);

    private final Database database;
    private final Clock clock;

    InviteAcceptance(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The one answer to an unknown, malformed, wrong, expired, withdrawn or used token. */
    static ProblemException invalid() {
        return ProblemException.badRequest("The invite token is not valid, or no longer.");
    }

    /**
     * The pending invite {@code presented} opens, checked as {@link #accept} checks it but in a read-only
     * transaction, so that the acceptance can be put on the record of the invite's workspace before it
     * is made; {@link #invalid()} otherwise. {@link #accept} checks again: an invite accepted or
     * withdrawn in between is refused there.
     */
    StoredInvite check(@Nullable String presented) throws SQLException {
        InviteToken token = parse(presented);
        Instant now = Jdbc.now(clock);
        return database.inTransaction(connection -> {
            StoredInvite invite = verified(connection, token);
            if (!invite.pendingAt(now)) {
                throw refused(token, "expired or already accepted");
            }
            return invite;
        });
    }

    Accepted accept(@Nullable String presented) throws SQLException {
        return accept(presented, () -> {});
    }

    /** Accepts the invite, running {@code beforeCommit} (its record) in the same transaction. */
    Accepted accept(@Nullable String presented, Runnable beforeCommit) throws SQLException {
        InviteToken token = parse(presented);
        Instant now = Jdbc.now(clock);
        Accepted accepted = database.inTransaction(connection -> {
            StoredInvite invite = verified(connection, token);
            int claimed = Jdbc.update(
                    connection,
                    "UPDATE tenancy.invites SET accepted_at = ?"
                            + " WHERE id = ? AND workspace_id = ? AND accepted_at IS NULL AND expires_at > ?",
                    now,
                    invite.id(),
                    invite.workspaceId(),
                    now);
            if (claimed != 1) {
                throw refused(token, "expired or already accepted");
            }
            String workspaceId = invite.workspaceId();
            Jdbc.setLocal(database, connection, Database.WORKSPACE_SETTING, workspaceId);
            Records.Member member = MemberStore.insert(connection, now, workspaceId, invite.name(), invite.role());
            Records.NewKey key =
                    ApiKeyStore.insert(connection, now, workspaceId, member.id(), KEY_NAME, invite.role(), null);
            beforeCommit.run();
            return new Accepted(invite.id(), workspaceId, member, key);
        });
        LOG.info(
                "Invite '{}' accepted: member '{}' joined workspace '{}' as {}",
                accepted.inviteId(),
                accepted.member().id(),
                accepted.workspaceId(),
                accepted.member().role().id());
        return accepted;
    }

    private static InviteToken parse(@Nullable String presented) {
        Optional<InviteToken> parsed = InviteToken.parse(presented);
        if (parsed.isEmpty()) {
            SecretHash.matches("", SecretHash.DUMMY); // the same work as for a well-formed token
            throw invalid();
        }
        return parsed.get();
    }

    /** The invite whose id and secret {@code token} holds, read under {@value #INVITE_SETTING}; refused otherwise. */
    private StoredInvite verified(Connection connection, InviteToken token) throws SQLException {
        Jdbc.setLocal(database, connection, INVITE_SETTING, token.id());
        Optional<StoredInvite> found = Jdbc.one(
                connection,
                StoredInvite::read,
                "SELECT " + StoredInvite.COLUMNS + " FROM tenancy.invites WHERE id = ?",
                token.id());
        byte[] expected = found.map(StoredInvite::secretHash).orElse(SecretHash.DUMMY);
        boolean matches = SecretHash.matches(token.secret(), expected);
        if (found.isEmpty() || !matches) {
            throw refused(token, "unknown id or wrong secret");
        }
        return found.get();
    }

    /** Logs the id (not secret, and of the id format) and why; the client learns neither. */
    private static ProblemException refused(InviteToken token, String reason) {
        LOG.info("Invite '{}' not accepted: {}", token.id(), reason);
        return invalid();
    }
}
