package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the member a verified JWT's subject is bound to, before its workspace is known: the
 * transaction sets {@value #SUBJECT_SETTING} to the subject, which PostgreSQL's row-level security lets
 * read that one member row (see {@code postgresql/V6}). Nothing is cached: a removed member, or a
 * changed binding or role, counts from the next request.
 */
final class SubjectLookup {

    /** Transaction-local setting naming the one external subject an authentication may read. */
    static final String SUBJECT_SETTING = "portcullis.subject";

    private final Database database;

    SubjectLookup(Database database) {
        this.database = database;
    }

    /** As {@link #find(String, String)} without a route workspace. */
    Optional<Records.Member> find(String subject) throws SQLException {
        return find(subject, null);
    }

    /**
     * The member bound to {@code subject} (a {@link MemberSubjects#valid} one) in {@code workspaceId}, the
     * route's: a subject may be a member of several workspaces, one member in each. Without a route
     * workspace, the member only if the subject is bound in exactly one workspace; else empty.
     */
    Optional<Records.Member> find(String subject, @Nullable String workspaceId) throws SQLException {
        return database.inTransaction(connection -> {
            Jdbc.setLocal(database, connection, SUBJECT_SETTING, subject);
            if (workspaceId != null) {
                return Jdbc.one(
                        connection,
                        Rows::member,
                        "SELECT " + Rows.MEMBER_COLUMNS
                                + " FROM tenancy.members WHERE external_subject = ? AND workspace_id = ?",
                        subject,
                        workspaceId);
            }
            List<Records.Member> bound = Jdbc.list(
                    connection,
                    Rows::member,
                    "SELECT " + Rows.MEMBER_COLUMNS
                            + " FROM tenancy.members WHERE external_subject = ? FETCH FIRST 2 ROWS ONLY",
                    subject);
            return bound.size() == 1 ? Optional.of(bound.get(0)) : Optional.<Records.Member>empty();
        });
    }
}
