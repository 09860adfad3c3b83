package io.portcullis.agent.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import org.junit.jupiter.api.Test;

/** The contract on PostgreSQL, and row-level security: queries without a workspace filter still see only their own. */
class JdbcIsolationPostgresTest extends JdbcIsolationContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Test
    void rowLevelSecurityHidesEveryTableFromAnotherWorkspace() throws Exception {
        for (String table : TABLES) {
            assertThat(unfiltered(WS, table)).as(table).isPositive();
            assertThat(unfiltered(OTHER_WS, table)).as(table).isZero();
        }
        int changed = db.database.inWorkspace(
                OTHER_WS,
                connection -> Jdbc.update(connection, "UPDATE agent.runs SET state = 'failed' WHERE id = ?", run.id()));
        assertThat(changed).isZero();
        assertThat(runs.find(WS, run.id())).contains(run);
    }

    @Test
    void theSweepScopeReadsRunsOnlyAndChangesNothing() throws Exception {
        long[] seen = db.database.inTransaction(connection -> {
            Jdbc.setLocal(db.database, connection, JdbcRunStore.SCOPE_SETTING, "sweep");
            long runsSeen = Jdbc.one(connection, rows -> rows.getLong(1), "SELECT COUNT(*) FROM agent.runs")
                    .orElseThrow();
            long messagesSeen = Jdbc.one(connection, rows -> rows.getLong(1), "SELECT COUNT(*) FROM agent.messages")
                    .orElseThrow();
            long updated = Jdbc.update(connection, "UPDATE agent.runs SET state = 'failed' WHERE id = ?", run.id());
            return new long[] {runsSeen, messagesSeen, updated};
        });
        assertThat(seen).containsExactly(1, 0, 0);
        assertThat(runs.find(WS, run.id())).contains(run);
        // Without the scope a platform transaction sees no run.
        long unscoped = db.database.inTransaction(
                connection -> Jdbc.one(connection, rows -> rows.getLong(1), "SELECT COUNT(*) FROM agent.runs")
                        .orElseThrow());
        assertThat(unscoped).isZero();
        assertThat(runs.due(10)).extracting(RunStore.Due::runId).containsExactly(run.id());
    }
}
