package io.portcullis.tenancy.internal;

import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code tenancy.invites}: who is invited ({@code name}, the future member's display name),
 * to which workspace and with which role, by which credential, until when. {@code secretHash} is
 * compared, never shown; {@code acceptedAt} is set once, by the one acceptance that wins.
 */
record StoredInvite(
        String id,
        String workspaceId,
        String name,
        Role role,
        byte[] secretHash,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant acceptedAt) {

    static final String COLUMNS =
            "id, workspace_id, invitee_name, role, token_hash, created_by, created_at, expires_at, accepted_at";

    /** An invite just made: the row and, once, the full token. */
    record Created(StoredInvite invite, InviteToken token) {}

    static StoredInvite read(ResultSet rows) throws SQLException {
        return new StoredInvite(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("invitee_name"),
                Sql.role(rows, "role"),
                SecretHash.parseHex(rows.getString("token_hash")),
                rows.getString("created_by"),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.requiredInstant(rows, "expires_at"),
                Jdbc.instant(rows, "accepted_at"));
    }

    /** Not yet accepted and not expired at {@code now}. */
    boolean pendingAt(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Invite[id=" + id + ", workspaceId=" + workspaceId + ", role=" + role.id() + "]";
    }
}
