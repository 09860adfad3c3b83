package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.store.Database;
import java.time.Clock;

/**
 * The audit bundle's real group-commit writer ({@link AuditWriter}) as an {@link AuditLog} for suites in
 * other bundles' packages, without OSGi and without the durable witness file: each append waits for its
 * batch's commit, as in the server. Benchmarks only.
 */
public final class BenchmarkAuditLog implements AuditLog, AutoCloseable {

    private final AuditWriter writer;

    /** A writer over {@code database}, whose audit schema {@link BenchmarkDatabase#migrate} made. */
    public BenchmarkAuditLog(Database database) {
        this.writer = new AuditWriter(
                database,
                text -> text,
                new AuditAppendBenchmark.Keys(),
                WriterSettings.of(5000, 1000, 100_000),
                Clock.systemUTC(),
                null);
    }

    @Override
    public AuditRecord append(AuditEvent event) throws AuditUnavailableException {
        return writer.append(event);
    }

    @Override
    public boolean writable() {
        return writer.writable();
    }

    @Override
    public void close() {
        writer.close();
    }
}
