package io.portcullis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's URL makes H2 write a commit to its file before the commit returns, so that a
 * killed server keeps what it acknowledged. The copy test stands in for {@code kill -9}: it copies the
 * database file while the database is still open, right after a commit, and opens the copy. (The real
 * SIGKILL test is the crash IT's.)
 */
class JdbcUrlsTest {

    @TempDir
    Path folder;

    @Test
    void theEmbeddedDatabaseWritesAtCommit() throws Exception {
        try (Connection connection = open(JdbcUrls.embeddedH2(folder))) {
            execute(connection, "CREATE TABLE t (id INT PRIMARY KEY)");
            execute(connection, "INSERT INTO t VALUES (1)");

            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(
                            "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("0");
            }
        }
    }

    @Test
    void aCommittedRowIsInTheFileWhileTheDatabaseIsStillOpen() throws Exception {
        Path copy = Files.createDirectories(folder.resolve("copy"));
        try (Connection connection = open(JdbcUrls.embeddedH2(folder))) {
            execute(connection, "CREATE TABLE t (id INT PRIMARY KEY)");
            execute(connection, "INSERT INTO t VALUES (1)");
            connection.setAutoCommit(false);
            execute(connection, "INSERT INTO t VALUES (2)");
            connection.commit();

            // What a killed process would leave: the file as it is now, the database never closed.
            Files.copy(folder.resolve("portcullis.mv.db"), copy.resolve("portcullis.mv.db"));
        }
        try (Connection connection = open(JdbcUrls.embeddedH2(copy));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void theUrlKeepsTheStoresOtherSettings() {
        assertThat(JdbcUrls.embeddedH2(Path.of("/srv/data/db")))
                .isEqualTo("jdbc:h2:file:/srv/data/db/portcullis;AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000;"
                        + "DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    private static Connection open(String url) throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
