package io.portcullis.audit.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Database;
import io.portcullis.store.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL guards of the audit tables, as the server's role (the tables' owner, neither superuser
 * nor BYPASSRLS): records cannot be updated or deleted, except by the pruning path's grant-delete-revoke
 * in one transaction, and row-level security shows each workspace only its own chain.
 */
class PostgresAuditSecurityTest {

    private static final String PERMISSION_DENIED = "42501";

    TestDatabase db;
    Database database;
    AuditWriter writer;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.postgres("audit");
        database = db.database;
        writer = new AuditWriter(database, text -> text, new TestKeys(), WriterContract.DEFAULTS, Clock.systemUTC());
        writer.append(WriterContract.event("ws_a", "a1"));
        writer.append(WriterContract.event("ws_a", "a2"));
        writer.append(WriterContract.event("ws_b", "b1"));
        writer.append(WriterContract.event(null, "p1"));
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    @Test
    void theServersRoleCannotUpdateDeleteOrTruncateRecords() {
        for (String scope : new String[] {"writer", "prune"}) {
            assertDenied(scope, "UPDATE audit.records SET reason_text = 'rewritten'");
            assertDenied(scope, "DELETE FROM audit.records WHERE chain = 'ws_a'");
            assertDenied(scope, "TRUNCATE audit.records");
        }
    }

    @Test
    void pruningGrantsItselfDeleteOnlyInsideItsTransaction() throws Exception {
        int deleted = database.inTransaction(c -> {
            StoredRecords.scope(database, c, "prune");
            execute(c, "GRANT DELETE ON audit.records TO CURRENT_USER");
            int rows = update(c, "DELETE FROM audit.records WHERE chain = 'ws_a' AND seq <= 1");
            execute(c, "REVOKE DELETE ON audit.records FROM CURRENT_USER");
            return rows;
        });

        assertThat(deleted).isEqualTo(1);
        assertThat(count(null, "writer", "SELECT COUNT(*) FROM audit.records")).isEqualTo(3);
        assertDenied("prune", "DELETE FROM audit.records WHERE chain = 'ws_a'");
    }

    @Test
    void deletingNeedsThePruneScopeEvenWithTheGrant() throws Exception {
        int deleted = database.inTransaction(c -> {
            StoredRecords.scope(database, c, "writer");
            execute(c, "GRANT DELETE ON audit.records TO CURRENT_USER");
            int rows = update(c, "DELETE FROM audit.records");
            execute(c, "REVOKE DELETE ON audit.records FROM CURRENT_USER");
            return rows;
        });

        assertThat(deleted).isZero();
        assertThat(count(null, "writer", "SELECT COUNT(*) FROM audit.records")).isEqualTo(4);
    }

    @Test
    void aWorkspaceSeesOnlyItsOwnChainAndThePlatformScopeOnlyThePlatformChain() throws Exception {
        String all = "SELECT COUNT(*) FROM audit.records";
        assertThat(count("ws_a", null, all)).isEqualTo(2);
        assertThat(count("ws_a", null, all + " WHERE chain = 'ws_b'")).isZero();
        assertThat(count("ws_b", null, all)).isEqualTo(1);
        assertThat(count(null, null, all)).isZero();
        assertThat(count(null, "platform", all)).isEqualTo(1);
        assertThat(count(null, "platform", all + " WHERE chain <> 'platform'")).isZero();
        assertThat(count(null, "writer", all)).isEqualTo(4);
        assertThat(count(null, "bogus", all)).isZero();
    }

    @Test
    void onlyTheWriterScopeInsertsRecords() {
        String insert =
                "INSERT INTO audit.records (chain, seq, recorded_at, workspace_id, actor_kind, actor_id, action,"
                        + " decision, prev_hash, hash) VALUES ('ws_a', 99, CURRENT_TIMESTAMP, 'ws_a', 'member', 'm', 'x',"
                        + " 'allowed', '" + "0".repeat(64) + "', '" + "1".repeat(64) + "')";
        assertThatThrownBy(() -> database.inWorkspace("ws_a", c -> update(c, insert)))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo(PERMISSION_DENIED);
        assertDenied("platform", insert);
        assertDenied("prune", insert);
    }

    @Test
    void checkpointsAreWrittenOnlyByPruningAndRetentionOnlyInItsWorkspace() throws Exception {
        String checkpoint = "INSERT INTO audit.checkpoints (chain, seq, hash, pruned_at) VALUES ('ws_a', 1, '"
                + "2".repeat(64) + "', CURRENT_TIMESTAMP)";
        assertThatThrownBy(() -> database.inWorkspace("ws_a", c -> update(c, checkpoint)))
                .isInstanceOf(SQLException.class);
        assertDenied("writer", checkpoint);
        database.inTransaction(c -> {
            StoredRecords.scope(database, c, "prune");
            return update(c, checkpoint);
        });
        assertThat(count("ws_a", null, "SELECT COUNT(*) FROM audit.checkpoints"))
                .isEqualTo(1);
        assertThat(count("ws_b", null, "SELECT COUNT(*) FROM audit.checkpoints"))
                .isZero();
        assertThat(count(null, "writer", "SELECT COUNT(*) FROM audit.checkpoints"))
                .isEqualTo(1);

        String retention = "INSERT INTO audit.retention (chain, days, updated_at) VALUES (?, 30, CURRENT_TIMESTAMP)";
        database.inWorkspace("ws_a", c -> update(c, retention.replace("?", "'ws_a'")));
        assertThatThrownBy(() -> database.inWorkspace("ws_a", c -> update(c, retention.replace("?", "'ws_b'"))))
                .isInstanceOf(SQLException.class);
        assertThat(count("ws_b", null, "SELECT COUNT(*) FROM audit.retention")).isZero();
        assertThat(count(null, "prune", "SELECT COUNT(*) FROM audit.retention")).isEqualTo(1);
    }

    private void assertDenied(String scope, String sql) {
        assertThatThrownBy(() -> database.inTransaction(c -> {
                    StoredRecords.scope(database, c, scope);
                    return update(c, sql);
                }))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo(PERMISSION_DENIED);
    }

    private long count(@Nullable String workspace, @Nullable String scope, String sql) throws SQLException {
        return workspace != null
                ? database.inWorkspace(workspace, c -> countOf(c, scope, sql))
                : database.inTransaction(c -> countOf(c, scope, sql));
    }

    private long countOf(Connection c, @Nullable String scope, String sql) throws SQLException {
        if (scope != null) {
            StoredRecords.scope(database, c, scope);
        }
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
