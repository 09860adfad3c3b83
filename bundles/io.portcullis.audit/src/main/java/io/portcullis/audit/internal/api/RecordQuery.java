package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditRecord;
import io.portcullis.store.Database;
import java.sql.SQLException;

/** A filtered page of one chain's records, newest first (see {@link PageRequest}). */
final class RecordQuery {

    private final Database database;

    RecordQuery(Database database) {
        this.database = database;
    }

    PageRequest.Page<AuditRecord> page(Chain chain, Filter filter, PageRequest page) throws SQLException {
        Conditions where = filter.restrict(new Conditions(chain.id())).and("seq < ?", page.before());
        return chain.transaction(database, connection -> page.page(
                Sql.list(connection, RecordRows::read, "SELECT " + RecordRows.COLUMNS + " FROM audit.records"
                        + where.sql() + " ORDER BY seq DESC LIMIT ?", where.parameters(page.fetch())),
                AuditRecord::sequence));
    }
}
