package io.portcullis.audit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL enforces, below the API's own filters: a transaction sees a workspace's records
 * only when bound to it, the platform chain only in the platform scope, none without a setting; and
 * the pruning path leaves the server's role without the DELETE privilege it grants itself.
 */
class PostgresAuditRowSecurityTest {

    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    TestDatabase db;
    Database database;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.postgres("audit");
        database = db.database;
        TestChains chains = new TestChains(database, new TestClock(T0));
        chains.append(Chain.workspace("ws_alpha"), 3, T0, Duration.ofSeconds(1));
        chains.append(Chain.workspace("ws_beta"), 2, T0, Duration.ofSeconds(1));
        chains.append(Chain.platform(), 4, T0, Duration.ofSeconds(1));
    }

    @Test
    void aTransactionSeesOnlyTheChainItIsBoundTo() throws Exception {
        assertThat(database.<Integer>inTransaction(c -> count(c, "1 = 1"))).isZero();
        assertThat(database.<Integer>inWorkspace("ws_alpha", c -> count(c, "1 = 1")))
                .isEqualTo(3);
        assertThat(database.<Integer>inWorkspace("ws_alpha", c -> count(c, "chain = 'ws_beta'")))
                .isZero();
        assertThat(database.<Integer>inWorkspace("ws_alpha", c -> count(c, "chain = 'platform'")))
                .isZero();
        assertThat(Chain.platform().<Integer>transaction(database, c -> count(c, "1 = 1")))
                .isEqualTo(4);
        assertThat(Chain.workspace("ws_beta").<Integer>transaction(database, c -> count(c, "1 = 1")))
                .isEqualTo(2);
    }

    @Test
    void theRoleCannotDeleteOutsideThePruningPathNorAfterIt() throws Exception {
        assertThatThrownBy(() -> Chain.workspace("ws_alpha")
                        .pruning(
                                database,
                                c -> Jdbc.update(c, "DELETE FROM audit.records WHERE chain = 'ws_alpha' AND seq = 1")))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));

        Pruner pruner = new Pruner(
                database,
                new TestChains(database, new TestClock(T0.plus(Duration.ofDays(9)))),
                new TestClock(T0.plus(Duration.ofDays(9))),
                1);
        assertThat(pruner.prune(Chain.workspace("ws_alpha"), 1)).isPresent();

        assertThat(database.<java.util.Optional<Boolean>>inTransaction(c -> Jdbc.one(
                        c, rows -> rows.getBoolean(1), "SELECT has_table_privilege('audit.records', 'DELETE')")))
                .contains(false);
        assertThatThrownBy(() -> Chain.workspace("ws_beta")
                        .pruning(database, c -> Jdbc.update(c, "DELETE FROM audit.records WHERE chain = 'ws_beta'")))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        assertThat(database.<Integer>inWorkspace("ws_beta", c -> count(c, "1 = 1")))
                .isEqualTo(2);
    }

    private static int count(java.sql.Connection connection, String where) throws SQLException {
        return Jdbc.one(connection, rows -> rows.getInt(1), "SELECT count(*) FROM audit.records WHERE " + where)
                .orElseThrow();
    }
}
