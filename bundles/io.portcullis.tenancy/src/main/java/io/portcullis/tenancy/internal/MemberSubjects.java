package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The external subject (an identity provider's {@code sub}, say) bound to a member, by which a JWT
 * authenticates as that member. A subject names at most one member of each workspace, so binding one
 * that another member of the same workspace holds answers 409; other workspaces are never looked at,
 * so a binding tells nothing about them, and the route's workspace picks the member (see
 * {@link SubjectLookup}). Changing a member's binding is acting on the member: nobody does it for
 * a member above their own role. Subjects are compared exactly, as JWT claims are: no normalisation.
 */
final class MemberSubjects {

    static final int MAX_LENGTH = 255;

    /** A member and its subject, null when unbound. */
    record Binding(String memberId, @Nullable String subject) {}

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;

    MemberSubjects(Database database) {
        this.database = database;
    }

    /** 1..255 characters, no control or formatting character, no surrounding white space. */
    static boolean valid(@Nullable String subject) {
        return subject != null
                && !subject.isEmpty()
                && subject.length() <= MAX_LENGTH
                && subject.strip().equals(subject)
                && subject.codePoints()
                        .noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    Binding get(String workspaceId, String memberId) throws SQLException {
        return database.inWorkspace(workspaceId, connection -> find(connection, workspaceId, memberId));
    }

    Binding set(String workspaceId, String memberId, String subject, Role callerRole) throws SQLException {
        return write(workspaceId, memberId, subject, callerRole, () -> {});
    }

    Binding set(String workspaceId, String memberId, String subject, Role callerRole, Runnable beforeCommit)
            throws SQLException {
        return write(workspaceId, memberId, subject, callerRole, beforeCommit);
    }

    Binding clear(String workspaceId, String memberId, Role callerRole) throws SQLException {
        return write(workspaceId, memberId, null, callerRole, () -> {});
    }

    Binding clear(String workspaceId, String memberId, Role callerRole, Runnable beforeCommit) throws SQLException {
        return write(workspaceId, memberId, null, callerRole, beforeCommit);
    }

    private Binding write(
            String workspaceId, String memberId, @Nullable String subject, Role callerRole, Runnable beforeCommit)
            throws SQLException {
        return database.inWorkspace(workspaceId, connection -> {
            Records.Member member =
                    MemberStore.find(connection, workspaceId, memberId).orElseThrow(ProblemException::notFound);
            if (!callerRole.atLeast(member.role())) {
                throw Problems.aboveOwnRole(member.role());
            }
            try {
                Jdbc.update(
                        connection,
                        "UPDATE tenancy.members SET external_subject = ? WHERE id = ? AND workspace_id = ?",
                        subject,
                        memberId,
                        workspaceId);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) { // rolls back; says nothing of the other member
                    throw ProblemException.conflict("This subject is already bound to a member of this workspace.");
                }
                throw e;
            }
            beforeCommit.run();
            return new Binding(memberId, subject);
        });
    }

    private static Binding find(Connection connection, String workspaceId, String memberId) throws SQLException {
        return Jdbc.one(
                        connection,
                        rows -> new Binding(rows.getString(1), rows.getString(2)),
                        "SELECT id, external_subject FROM tenancy.members WHERE id = ? AND workspace_id = ?",
                        memberId,
                        workspaceId)
                .orElseThrow(ProblemException::notFound);
    }
}
