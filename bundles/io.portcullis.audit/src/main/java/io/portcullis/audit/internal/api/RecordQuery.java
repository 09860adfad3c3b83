package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditRecord;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import java.sql.SQLException;

/** A filtered page of one chain's records, newest first, paged by sequence number. */
final class RecordQuery {

    private final Database database;

    RecordQuery(Database database) {
        this.database = database;
    }

    /** Newest first: the cursor is the sequence number of the last record of the previous page. */
    Page<AuditRecord> page(Chain chain, Filter filter, PageRequest page) throws SQLException {
        Long before = page.after().isEmpty() ? null : Long.valueOf(page.after());
        Conditions where = filter.restrict(new Conditions(chain.id())).and("seq < ?", before);
        return chain.transaction(
                database,
                connection -> page.page(
                        Jdbc.list(
                                connection,
                                RecordRows::read,
                                "SELECT " + RecordRows.COLUMNS + " FROM audit.records" + where.sql()
                                        + " ORDER BY seq DESC LIMIT ?",
                                where.parameters(page.fetch()).toArray()),
                        record -> Long.toString(record.sequence())));
    }
}
