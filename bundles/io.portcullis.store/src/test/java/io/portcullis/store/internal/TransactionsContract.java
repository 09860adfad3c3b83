package io.portcullis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What transactions and the health check must do on every engine. */
abstract class TransactionsContract extends EngineTest {

    HikariDataSource pool;
    Transactions database;

    TransactionsContract(TestDatabase testDatabase) {
        super(testDatabase);
    }

    @BeforeEach
    void openDatabase() throws Exception {
        pool = pool(1); // one connection: every transaction reuses the previous one's
        database = new Transactions(engine(), pool);
        execute(pool, "CREATE TABLE notes (id INT PRIMARY KEY)");
    }

    @Test
    void commitsWhenTheWorkReturns() throws Exception {
        Integer result = database.inWorkspace("ws_1", connection -> insert(connection, 1));

        assertThat(result).isEqualTo(1);
        assertThat(queryString(pool, "SELECT COUNT(*) FROM notes")).isEqualTo("1");
    }

    @Test
    void rollsBackAndRethrowsOnSqlException() throws Exception {
        SQLException failure = new SQLException("boom");

        assertThatThrownBy(() -> database.inTransaction(connection -> {
                    insert(connection, 1);
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(queryString(pool, "SELECT COUNT(*) FROM notes")).isEqualTo("0");
    }

    @Test
    void rollsBackAndRethrowsOnRuntimeException() throws Exception {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> database.inWorkspace("ws_1", connection -> {
                    insert(connection, 1);
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(queryString(pool, "SELECT COUNT(*) FROM notes")).isEqualTo("0");
    }

    @Test
    void restoresAutoCommit() throws Exception {
        database.inTransaction(connection -> insert(connection, 1));
        assertThatThrownBy(() -> database.inTransaction(connection -> {
            throw new SQLException("boom");
        }));

        try (Connection connection = pool.getConnection()) {
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "a b",
                "ws;drop",
                "ws'1",
                "wś",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            })
    void refusesMalformedWorkspaceIds(String id) {
        assertThatThrownBy(() -> database.inWorkspace(id, connection -> insert(connection, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workspace id");
    }

    @Test
    void acceptsTheLongestWorkspaceId() throws Exception {
        int inserted = database.inWorkspace("A-z_9".repeat(12) + "abcd", connection -> insert(connection, 1));

        assertThat(inserted).isEqualTo(1);
    }

    @Test
    void healthCheckPassesThenNamesTheProblemWithoutSecrets() throws Exception {
        try (DatabaseHealthCheck health = new DatabaseHealthCheck(pool)) {
            assertThat(health.name()).isEqualTo("database");
            assertThat(health.problem()).isNull();

            pool.close();

            assertThat(health.problem()).isNotNull().doesNotContain("jdbc:").doesNotContain("password");
        }
    }

    static int insert(Connection connection, int id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("INSERT INTO notes VALUES (" + id + ")");
        }
    }
}
