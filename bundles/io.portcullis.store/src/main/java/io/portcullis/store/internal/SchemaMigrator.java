package io.portcullis.store.internal;

import io.portcullis.store.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates one bundle's schema with Flyway, all or nothing per migration: on PostgreSQL each migration
 * runs in its own transaction (DDL included), on H2 an {@link H2Snapshot} undoes a failed one.
 */
final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** What a successful migration did. */
    record Outcome(int applied, @Nullable String version) {}

    private final Engine engine;
    private final DataSource dataSource;
    private final Path snapshotFolder;

    /** @param snapshotFolder where H2 snapshots are written (created when first needed) */
    SchemaMigrator(Engine engine, DataSource dataSource, Path snapshotFolder) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.snapshotFolder = snapshotFolder;
    }

    /** Applies the pending migrations of {@code source} to {@code schema}, a validated name. */
    Outcome migrate(String schema, MigrationSource source) throws MigrationException {
        List<MigrationFile> files;
        try {
            files = source.forEngine(engine);
        } catch (IOException e) {
            throw new MigrationException("(reading scripts)", oneLine(e), e);
        }
        H2Snapshot snapshot = null;
        try {
            Flyway flyway = FlywayFactory.create(dataSource, schema, files);
            if (engine == Engine.H2 && flyway.info().pending().length > 0) {
                snapshot = H2Snapshot.take(dataSource, schema, DataFolder.prepare(snapshotFolder));
            }
            MigrateResult result = flyway.migrate();
            if (snapshot != null) {
                snapshot.discard();
            }
            String version =
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            return new Outcome(result.migrationsExecuted, version);
        } catch (RuntimeException e) { // FlywayException mostly; anything else still gets the restore
            restore(schema, snapshot);
            throw new MigrationException(failedMigration(e), oneLine(e), e);
        } catch (SQLException | IOException | StoreException e) {
            throw new MigrationException("(snapshot before migrating)", oneLine(e), e);
        }
    }

    private static void restore(String schema, @Nullable H2Snapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        try {
            snapshot.restore();
        } catch (SQLException | IOException e) {
            LOG.error(
                    "Could not restore schema '{}' after a failed migration; snapshot kept at '{}'",
                    schema,
                    snapshot.file(),
                    e);
        }
    }

    private static String failedMigration(RuntimeException e) {
        if (e instanceof FlywayMigrateException failed && failed.getMigration() != null) {
            MigrationInfo migration = failed.getMigration();
            String version = migration.getVersion() == null
                    ? "(repeatable)"
                    : migration.getVersion().toString();
            String line = failed.getLineNumber() > 0 ? ", line " + failed.getLineNumber() : "";
            return version + " (" + migration.getScript() + line + ")";
        }
        return e instanceof FlywayException
                ? "(validation)"
                : "(unexpected " + e.getClass().getSimpleName() + ")";
    }

    /** The deepest cause's message on one line: for SQL errors, the database's own words. */
    private static String oneLine(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return JdbcUrls.oneLine(message, "");
    }
}
