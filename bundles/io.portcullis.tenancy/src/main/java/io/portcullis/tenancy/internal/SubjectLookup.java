package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.SQLException;
import java.util.Optional;

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

    /** The member bound to {@code subject} (a {@link MemberSubjects#valid} one), or empty. */
    Optional<Records.Member> find(String subject) throws SQLException {
        return database.inTransaction(connection -> {
            Jdbc.setLocal(database, connection, SUBJECT_SETTING, subject);
            return Jdbc.one(connection, Rows::member,
                    "SELECT " + Rows.MEMBER_COLUMNS + " FROM tenancy.members WHERE external_subject = ?", subject);
        });
    }
}
