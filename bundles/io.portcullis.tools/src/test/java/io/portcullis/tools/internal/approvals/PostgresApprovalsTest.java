package io.portcullis.tools.internal.approvals;

import static io.portcullis.tools.testing.Harness.OTHER_WS;
import static io.portcullis.tools.testing.Harness.WS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract on PostgreSQL, and row-level security: a query without a workspace filter still sees only its own. */
class PostgresApprovalsTest extends ApprovalsContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("tools");
    }

    @Test
    void rowLevelSecurityHidesOtherWorkspacesEvenFromUnfilteredQueries() throws Exception {
        String id = request(Map.of("query", "x"));
        assertThat(unfiltered(WS, "tools.approvals")).isEqualTo(1);
        assertThat(unfiltered(WS, "tools.approval_history")).isEqualTo(1);
        assertThat(unfiltered(OTHER_WS, "tools.approvals")).isZero();
        assertThat(unfiltered(OTHER_WS, "tools.approval_history")).isZero();
        int changed = db.database.inWorkspace(
                OTHER_WS,
                connection ->
                        Jdbc.update(connection, "UPDATE tools.approvals SET status = 'approved' WHERE id = ?", id));
        assertThat(changed).isZero();
        assertThat(count("tools.approvals")).isEqualTo(1);
    }

    private long unfiltered(String workspaceId, String table) throws Exception {
        return db.database.inWorkspace(
                workspaceId,
                connection -> Jdbc.one(connection, rows -> rows.getLong(1), "SELECT COUNT(*) FROM " + table)
                        .orElseThrow());
    }
}
