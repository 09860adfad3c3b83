package io.portcullis.models.internal.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The contract on PostgreSQL, and row-level security: a query without a workspace filter still sees only its own. */
class PostgresProfilesTest extends ProfilesContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("models");
    }

    @Test
    void rowLevelSecurityHidesOtherWorkspacesEvenFromUnfilteredQueries() throws Exception {
        String id = create(WS, body("fast", "")).get("id").asText();
        assertThat(unfiltered(WS)).isEqualTo(1);
        assertThat(unfiltered(OTHER_WS)).isZero();
        int changed = db.database.inWorkspace(
                OTHER_WS,
                connection -> Jdbc.update(connection, "UPDATE models.profiles SET model = 'x' WHERE id = ?", id));
        assertThat(changed).isZero();
        assertThat(store.get(WS, id)).get().satisfies(p -> assertThat(p.model()).isEqualTo("gpt-4o-mini"));
    }

    private long unfiltered(String workspaceId) throws Exception {
        return db.database.inWorkspace(
                workspaceId,
                connection -> Jdbc.one(connection, rows -> rows.getLong(1), "SELECT COUNT(*) FROM models.profiles")
                        .orElseThrow());
    }
}
