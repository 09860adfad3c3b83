package io.portcullis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Database;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class PostgresTransactionsTest extends TransactionsContract {

    private static final String SETTING = "SELECT current_setting('" + Database.WORKSPACE_SETTING + "', true)";
    private static final String BACKEND = "SELECT pg_backend_pid()";

    PostgresTransactionsTest() {
        super(TestDatabase.postgres());
    }

    @Test
    void inWorkspaceSetsTheWorkspaceForItsTransactionOnly() throws Exception {
        String[] backends = new String[2];

        String inside = database.inWorkspace("ws_1", connection -> {
            backends[0] = queryString(connection, BACKEND);
            return queryString(connection, SETTING);
        });
        String next = database.inTransaction(connection -> {
            backends[1] = queryString(connection, BACKEND);
            return queryString(connection, SETTING);
        });

        assertThat(inside).isEqualTo("ws_1");
        assertThat(backends[1]).as("same pooled connection").isEqualTo(backends[0]);
        assertThat(next).isNullOrEmpty();
        assertThat(queryString(pool, SETTING)).as("outside any transaction").isNullOrEmpty();
    }

    @Test
    void aRolledBackWorkspaceDoesNotLeakEither() throws Exception {
        assertThatThrownBy(() -> database.inWorkspace("ws_1", connection -> {
            throw new IllegalStateException("boom");
        }));

        String afterRollback = database.inTransaction(connection -> queryString(connection, SETTING));
        String nextWorkspace = database.inWorkspace("ws_2", connection -> queryString(connection, SETTING));

        assertThat(afterRollback).isNullOrEmpty();
        assertThat(nextWorkspace).isEqualTo("ws_2");
    }

    @Test
    void inTransactionClearsASessionLevelWorkspace() throws Exception {
        try (Connection connection = pool.getConnection()) {
            queryString(connection, "SELECT set_config('" + Database.WORKSPACE_SETTING + "', 'leaked', false)");
        }

        String platform = database.inTransaction(connection -> queryString(connection, SETTING));
        String workspace = database.inWorkspace("ws_1", connection -> queryString(connection, SETTING));

        assertThat(platform).isEmpty();
        assertThat(workspace).isEqualTo("ws_1");
    }
}
