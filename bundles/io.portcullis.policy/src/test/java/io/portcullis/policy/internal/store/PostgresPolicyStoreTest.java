package io.portcullis.policy.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import org.junit.jupiter.api.Test;

class PostgresPolicyStoreTest extends PolicyStoreContract {

    PostgresPolicyStoreTest() {
        super(Engine.POSTGRESQL);
    }

    @Test
    void rowSecurityHidesOtherWorkspacesRowsEvenFromUnscopedQueries() throws Exception {
        settings.enable(new Enablement("ws-a", "p", "alice", T0));
        settings.setPolicy("ws-a", readOnly(true), T0);

        int seenFromB = db.database.inWorkspace(
                "ws-b",
                c -> Jdbc.list(
                                c,
                                rows -> 1,
                                "SELECT 1 FROM policy.workspace_plugins UNION ALL SELECT 1 FROM policy.workspace_policies")
                        .size());
        int seenFromA = db.database.inWorkspace(
                "ws-a",
                c -> Jdbc.list(
                                c,
                                rows -> 1,
                                "SELECT 1 FROM policy.workspace_plugins UNION ALL SELECT 1 FROM policy.workspace_policies")
                        .size());

        assertThat(seenFromB).isZero();
        assertThat(seenFromA).isEqualTo(2);
    }
}
