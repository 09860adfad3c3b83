package io.portcullis.tenancy.internal;

import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.Membership;
import io.portcullis.tenancy.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/** {@link Membership} on the tenancy tables, in the caller's transaction. */
@Component(service = Membership.class)
public final class MembershipService implements Membership {

    private final Clock clock;

    public MembershipService() {
        this(Clock.systemUTC());
    }

    MembershipService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Role> lockedRole(Connection connection, String workspaceId, String memberId, @Nullable String keyId)
            throws SQLException {
        Optional<Role> member = Jdbc.one(
                connection,
                rows -> Sql.role(rows, "role"),
                "SELECT role FROM tenancy.members WHERE id = ? AND workspace_id = ? FOR UPDATE",
                memberId,
                workspaceId);
        if (member.isEmpty() || keyId == null) {
            return member;
        }
        Instant now = Jdbc.now(clock);
        Optional<Records.Key> key = Jdbc.one(
                connection,
                Rows::key,
                "SELECT " + Rows.KEY_COLUMNS
                        + " FROM tenancy.api_keys WHERE id = ? AND workspace_id = ? AND member_id = ?",
                keyId,
                workspaceId,
                memberId);
        return key.filter(k -> k.usableAt(now)).map(k -> Role.min(k.role(), member.get()));
    }
}
