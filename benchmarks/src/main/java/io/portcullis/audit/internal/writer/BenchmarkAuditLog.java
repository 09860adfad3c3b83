package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * The audit bundle's real group-commit writer ({@link AuditWriter}) as an {@link AuditLog} for suites in
 * other bundles' packages, without OSGi and without the durable witness file: each append waits for its
 * batch's commit, as in the server. Benchmarks only.
 */
public final class BenchmarkAuditLog implements AuditLog, AutoCloseable {

    private final AuditWriter writer;

    /** A writer over {@code database}, whose audit schema {@link #migrate} made. */
    public BenchmarkAuditLog(Database database) {
        this.writer = new AuditWriter(
                database,
                text -> text,
                new AuditAppendBenchmark.Keys(),
                WriterSettings.of(5000, 1000, 100_000),
                Clock.systemUTC(),
                null);
    }

    /** Runs the audit bundle's migration scripts into schema {@code audit} over {@code c}. */
    public static void migrate(Connection c, Engine engine) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA audit");
            s.execute(engine == Engine.H2 ? "SET SCHEMA audit" : "SET search_path TO audit");
            run(s, "db/migration/V1__audit.sql");
            if (engine == Engine.POSTGRESQL) {
                run(s, "db/migration/postgresql/V2__audit_security.sql");
            }
        }
    }

    private static void run(Statement s, String resource) throws SQLException, IOException {
        try (InputStream in = BenchmarkAuditLog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the class path");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            for (String statement : script.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
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
