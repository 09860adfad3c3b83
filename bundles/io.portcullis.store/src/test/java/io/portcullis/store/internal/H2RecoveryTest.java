package io.portcullis.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2RecoveryTest {

    /**
     * A copy of the file taken right after a commit is what a {@code kill -9} leaves: with
     * {@code WRITE_DELAY=0} H2 has written the commit and runs no background writer. Freed space is
     * reused at once ({@code RETENTION_TIME=0}, as after 45 s in a running server), so chunks land in
     * holes, where H2's own open may not look. After the repair every copy opens with its last commit.
     */
    @Test
    void everyCommitWrittenBeforeAKillIsFoundAtTheNextOpen(@TempDir Path folder) throws Exception {
        String live = JdbcUrls.embeddedH2(folder.resolve("live")) + ";RETENTION_TIME=0";
        List<Path> copies = new ArrayList<>();
        Random sizes = new Random(12);
        try (Connection connection = DriverManager.getConnection(live, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
            statement.execute("CREATE TABLE junk (id INT PRIMARY KEY, v VARCHAR)");
            for (int i = 0; i < 50; i++) {
                statement.execute("INSERT INTO junk VALUES (" + i + ", REPEAT('x', 4000))");
            }
            statement.execute("DELETE FROM junk");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int id = 1; id <= 40; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "r".repeat(10 + sizes.nextInt(sizes.nextBoolean() ? 100 : 6000)));
                    insert.executeUpdate(); // auto-commit: written when it returns
                    Path copy = Files.createDirectories(folder.resolve("kill" + id));
                    Files.copy(folder.resolve("live/portcullis.mv.db"), copy.resolve("portcullis.mv.db"));
                    copies.add(copy);
                }
            }
        }
        int missedWithoutRepair = 0;
        for (int i = 0; i < copies.size(); i++) {
            Path copy = copies.get(i);
            Path unrepaired = Files.createDirectories(copy.resolve("plain"));
            Files.copy(copy.resolve("portcullis.mv.db"), unrepaired.resolve("portcullis.mv.db"));
            if (lastId(JdbcUrls.embeddedH2(unrepaired)) != i + 1) {
                missedWithoutRepair++;
            }
            String url = JdbcUrls.embeddedH2(copy);
            assertTrue(H2Recovery.repairIfUnclean(url), "a killed file is scanned");
            assertEquals(i + 1, lastId(url), "the last commit before the kill of copy " + (i + 1));
        }
        System.out.println("H2 alone opened an older version for " + missedWithoutRepair + " of " + copies.size()
                + " killed copies; after the repair none");
    }

    @Test
    void aCleanlyClosedFileIsLeftAlone(@TempDir Path folder) throws Exception {
        String url = JdbcUrls.embeddedH2(folder.resolve("db"));
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
        }
        assertTrue(H2Recovery.cleanlyClosed(folder.resolve("db/portcullis.mv.db")));
        assertFalse(H2Recovery.repairIfUnclean(url));
        assertFalse(H2Recovery.repairIfUnclean(JdbcUrls.embeddedH2(folder.resolve("absent"))));
    }

    @Test
    void onlyPlainFileUrlsAreRepaired() {
        assertEquals(Path.of("/d/db.mv.db"), H2Recovery.fileOf("jdbc:h2:file:/d/db;WRITE_DELAY=0"));
        assertNull(H2Recovery.fileOf("jdbc:h2:mem:x"));
        assertNull(H2Recovery.fileOf("jdbc:h2:tcp://host/db"));
        assertNull(H2Recovery.fileOf("jdbc:h2:file:/d/db;CIPHER=AES"));
        assertNull(H2Recovery.fileOf("jdbc:h2:file:~/db"));
        assertNull(H2Recovery.fileOf("jdbc:postgresql://host/db"));
    }

    private static int lastId(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet row = connection.createStatement().executeQuery("SELECT COALESCE(MAX(id), 0) FROM t")) {
            row.next();
            return row.getInt(1);
        }
    }
}
