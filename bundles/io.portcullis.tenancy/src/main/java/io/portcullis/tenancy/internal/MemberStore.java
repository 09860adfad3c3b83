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
import java.time.Instant;
import java.util.Optional;

/**
 * The members of a workspace. Changes of role and removals first lock the workspace's row, so two
 * concurrent changes of one workspace's members run one after the other on H2 and PostgreSQL alike,
 * and the second sees the first's result: two concurrent demotions of the last two owners leave one.
 * The statements themselves never remove the only owner either, so the rule holds on every path.
 */
final class MemberStore {

    private static final String SELECT = "SELECT " + Rows.MEMBER_COLUMNS + " FROM tenancy.members ";
    private static final String OWNERS =
            "SELECT COUNT(*) FROM tenancy.members WHERE workspace_id = ? AND role = 'owner'";

    private final Database database;
    private final Clock clock;

    MemberStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    Page<Records.Member> list(String workspaceId, PageRequest page) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> page.page(
                        Jdbc.list(
                                connection,
                                Rows::member,
                                SELECT + "WHERE workspace_id = ? AND id > ? ORDER BY id FETCH FIRST " + page.fetch()
                                        + " ROWS ONLY",
                                workspaceId,
                                page.after()),
                        Records.Member::id));
    }

    Optional<Records.Member> find(String workspaceId, String memberId) throws SQLException {
        return database.inWorkspace(workspaceId, connection -> find(connection, workspaceId, memberId));
    }

    /** Adds a member directly; invitees join through {@link InviteAcceptance}, which uses {@link #insert}. */
    Records.Member add(String workspaceId, String name, Role role) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> insert(connection, now, workspaceId, name, role));
    }

    Records.Member changeRole(String workspaceId, String memberId, Role newRole, Role callerRole) throws SQLException {
        return changeRole(workspaceId, memberId, newRole, callerRole, () -> {});
    }

    /** Changes the member's role; every key acting as the member is capped by it from the next request. */
    Records.Member changeRole(String workspaceId, String memberId, Role newRole, Role callerRole, Runnable beforeCommit)
            throws SQLException {
        return database.inWorkspace(workspaceId, connection -> {
            Records.Member member = lockAndFind(connection, workspaceId, memberId, callerRole);
            if (!callerRole.atLeast(newRole)) {
                throw Problems.aboveOwnRole(newRole);
            }
            // Demoting: only while another owner remains.
            String guard = newRole == Role.OWNER ? "" : " AND (role <> 'owner' OR (" + OWNERS + ") > 1)";
            Object[] parameters = newRole == Role.OWNER
                    ? new Object[] {newRole.id(), memberId, workspaceId}
                    : new Object[] {newRole.id(), memberId, workspaceId, workspaceId};
            int changed = Jdbc.update(
                    connection,
                    "UPDATE tenancy.members SET role = ? WHERE id = ? AND workspace_id = ?" + guard,
                    parameters);
            if (changed != 1) {
                throw Problems.lastOwner();
            }
            beforeCommit.run();
            return new Records.Member(member.id(), workspaceId, member.name(), newRole, member.createdAt());
        });
    }

    /** Removes a member and the member's API keys. */
    void remove(String workspaceId, String memberId, Role callerRole) throws SQLException {
        remove(workspaceId, memberId, callerRole, () -> {});
    }

    void remove(String workspaceId, String memberId, Role callerRole, Runnable beforeCommit) throws SQLException {
        database.inWorkspace(workspaceId, connection -> {
            lockAndFind(connection, workspaceId, memberId, callerRole);
            Jdbc.update(
                    connection,
                    "DELETE FROM tenancy.api_keys WHERE member_id = ? AND workspace_id = ?",
                    memberId,
                    workspaceId);
            int removed = Jdbc.update(
                    connection,
                    "DELETE FROM tenancy.members WHERE id = ? AND workspace_id = ?" + " AND (role <> 'owner' OR ("
                            + OWNERS + ") > 1)",
                    memberId,
                    workspaceId,
                    workspaceId);
            if (removed != 1) {
                throw Problems.lastOwner(); // rolls the key deletion back too
            }
            beforeCommit.run();
            return removed;
        });
    }

    static Optional<Records.Member> find(Connection connection, String workspaceId, String memberId)
            throws SQLException {
        return Jdbc.one(connection, Rows::member, SELECT + "WHERE id = ? AND workspace_id = ?", memberId, workspaceId);
    }

    static Records.Member insert(Connection connection, Instant now, String workspaceId, String name, Role role)
            throws SQLException {
        String id = Ids.next();
        Jdbc.update(
                connection,
                "INSERT INTO tenancy.members (id, workspace_id, name, role, created_at) VALUES (?, ?, ?, ?, ?)",
                id,
                workspaceId,
                name,
                role.id(),
                now);
        return new Records.Member(id, workspaceId, name, role, now);
    }

    /** Serialises member changes of the workspace, then finds the member; 404 / 403 as for keys. */
    private static Records.Member lockAndFind(
            Connection connection, String workspaceId, String memberId, Role callerRole) throws SQLException {
        if (Jdbc.one(
                        connection,
                        rows -> rows.getString(1),
                        "SELECT id FROM tenancy.workspaces WHERE id = ? FOR UPDATE",
                        workspaceId)
                .isEmpty()) {
            throw ProblemException.notFound();
        }
        Records.Member member = find(connection, workspaceId, memberId).orElseThrow(ProblemException::notFound);
        if (!callerRole.atLeast(member.role())) {
            throw Problems.aboveOwnRole(member.role());
        }
        return member;
    }
}
