package io.portcullis.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copy of one schema taken before migrating it on H2, to undo a migration that fails halfway.
 *
 * <p>Why: H2 commits every DDL statement on its own, so Flyway's per-migration transaction cannot roll
 * back a {@code CREATE TABLE} that precedes a failing statement (PostgreSQL can: there the transaction
 * is enough and no snapshot is taken). So, only when migrations are pending, {@code SCRIPT ... SCHEMA}
 * writes the schema (tables, data, indexes, sequences, views and the Flyway history table) to a file in
 * the data folder; on failure the schema is dropped and the file run again; if the schema did not exist
 * before, it is just dropped. The file holds data and the user's password hash, so it goes to a folder
 * only the server's user can enter ({@code snapshots}, mode 0700: H2 recreates the file with the
 * umask's mode); it is deleted afterwards, except when the restore itself fails: then it is kept for a
 * manual restore.
 *
 * <p>Limit: {@code DROP SCHEMA ... CASCADE} also drops foreign keys that other schemas hold into this
 * one. Bundles refer to each other's rows by id, not by cross-schema foreign keys.
 */
final class H2Snapshot {

    /** Sub-folder of the snapshot folder that holds the files while a migration runs. */
    static final String FOLDER = "snapshots";

    private static final Logger LOG = LoggerFactory.getLogger(H2Snapshot.class);

    private final DataSource dataSource;
    private final String schema;
    private final @Nullable Path file;

    private H2Snapshot(DataSource dataSource, String schema, @Nullable Path file) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.file = file;
    }

    /** Copies {@code schema} (a validated, lower-case name) into a new file under {@code folder}. */
    static H2Snapshot take(DataSource dataSource, String schema, Path folder) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, schema)) {
                return new H2Snapshot(dataSource, schema, null);
            }
            Path file = Files.createTempFile(privateFolder(folder), schema + "-", ".sql");
            try (PreparedStatement script = connection.prepareStatement("SCRIPT TO ? SCHEMA \"" + schema + "\"")) {
                script.setString(1, file.toString());
                script.execute();
            } catch (SQLException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return new H2Snapshot(dataSource, schema, file);
        }
    }

    /** Puts the schema back as it was when the snapshot was taken, then deletes the snapshot. */
    void restore() throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            if (file != null) {
                try (PreparedStatement run = connection.prepareStatement("RUNSCRIPT FROM ?")) {
                    run.setString(1, file.toString());
                    run.execute();
                }
            }
        }
        discard();
    }

    /** Deletes the snapshot file; a file left behind is worth a warning, not a failed migration. */
    void discard() {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the snapshot '{}' of schema '{}'; delete it by hand", file, schema, e);
        }
    }

    /** Where the snapshot is kept, for a message when the restore failed. */
    @Nullable Path file() {
        return file;
    }

    private static Path privateFolder(Path parent) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(FOLDER));
        if (Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        return folder;
    }

    private static boolean exists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }
}
