package io.portcullis.vault.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditKeys;
import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log's HMAC keys on real data keys, on every engine (on PostgreSQL under row-level security). */
abstract class WorkspaceAuditKeysContract {

    static final byte[] ARGUMENTS = "{\"role\":\"admin\"}".getBytes(StandardCharsets.UTF_8);

    TestDatabase db;
    DataKeys keys;
    AuditKeys audit;
    final String wsA = Ids.next();
    final String wsB = Ids.next();

    abstract Engine engine();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.of(engine(), "vault");
        keys = new DataKeys(
                new DataKeyStore(db.database, Clock.systemUTC()), new Keyring(MasterKey.generate(), List.of()));
        audit = new WorkspaceAuditKeys(keys, db.database);
    }

    @Test
    void equalDataGivesEqualHmacsInOneWorkspaceAndDifferentOnesAcrossWorkspaces() {
        byte[] a1 = audit.hmac(wsA, ARGUMENTS);
        byte[] a2 = audit.hmac(wsA, ARGUMENTS.clone());
        byte[] b = audit.hmac(wsB, ARGUMENTS);

        assertThat(a1).hasSize(32).isEqualTo(a2);
        assertThat(b).hasSize(32).isNotEqualTo(a1);
        assertThat(audit.hmac(wsA, "{\"role\":\"owner\"}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(a1);
    }

    @Test
    void thePlatformChainHasAKeyOfItsOwn() {
        byte[] platform = audit.hmac(null, ARGUMENTS);

        assertThat(platform).hasSize(32).isEqualTo(audit.hmac(null, ARGUMENTS));
        assertThat(platform).isNotEqualTo(audit.hmac(wsA, ARGUMENTS));
    }

    @Test
    void theKeyIsTheWorkspacesDataKeyAndSurvivesARestartButNotItsDestruction() throws Exception {
        byte[] before = audit.hmac(wsA, ARGUMENTS);
        keys.clear();

        assertThat(audit.hmac(wsA, ARGUMENTS))
                .as("read back from the stored data key")
                .isEqualTo(before);
        db.database.inWorkspace(wsA, c -> {
            keys.destroy(c, wsA);
            return null;
        });
        assertThat(audit.hmac(wsA, ARGUMENTS))
                .as("a new data key after crypto-shredding")
                .isNotEqualTo(before);
    }

    @Test
    void itIsNotTheMacOfAnotherPurpose() throws Exception {
        byte[] fingerprint = db.database.inWorkspace(wsA, c -> keys.mac(c, wsA, "fingerprint", ARGUMENTS));

        assertThat(audit.hmac(wsA, ARGUMENTS)).isNotEqualTo(fingerprint);
    }
}
