package io.portcullis.vault.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Master-key rotation against each engine: re-wrap in batches, both keys meanwhile, resume after a stop. */
abstract class RotationContract {

    static final byte[] VALUE = "xoxb-canary-rotation-value-0042".getBytes(StandardCharsets.UTF_8);
    static final byte[] AAD = "cred/v1".getBytes(StandardCharsets.UTF_8);
    static final int WORKSPACES = 7;

    @TempDir
    Path data;

    TestDatabase db;
    Database database;
    DataKeyStore store;
    final List<byte[]> sealed = new ArrayList<>();
    final List<AutoCloseable> closing = new ArrayList<>();

    abstract Engine engine();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.of(engine(), "vault");
        database = db.database;
        store = new DataKeyStore(database, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** Seals one value in each of {@value #WORKSPACES} workspaces under {@code keyring}'s current key. */
    DataKeys fill(Keyring keyring) throws SQLException {
        DataKeys keys = new DataKeys(store, keyring);
        for (int i = 0; i < WORKSPACES; i++) {
            String ws = "ws" + i;
            sealed.add(database.inWorkspace(ws, c -> keys.seal(c, ws, VALUE, AAD)));
        }
        return keys;
    }

    void assertAllOpen(DataKeys keys) throws Exception {
        for (int i = 0; i < sealed.size(); i++) {
            String ws = "ws" + i;
            byte[] value = sealed.get(i);
            assertThat(database.<byte[]>inWorkspace(ws, c -> {
                        try {
                            return keys.open(c, ws, value, AAD);
                        } catch (SealException e) {
                            throw new SQLException("did not open: " + e.getMessage());
                        }
                    }))
                    .as(ws)
                    .isEqualTo(VALUE);
        }
    }

    List<String> masterIds() throws SQLException {
        return database.inTransaction(c -> {
            store.maintenance(c);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT master_key_id FROM vault.data_keys");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        });
    }

    Rotation rotation(Keyring keyring, Rotation.BatchListener listener) {
        Rotation rotation = new Rotation(store, keyring, Clock.systemUTC(), 2, Duration.ZERO, listener);
        closing.add(rotation);
        return rotation;
    }

    static RotationProgress awaitEnd(MasterKeyRotation rotation) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rotation.progress().running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return rotation.progress();
    }

    @Test
    void rewrapsEveryRowInBatchesWhileValuesStillOpenAndNewKeysGoUnderTheNewKey() throws Exception {
        LoadedKeys loaded = MasterKeys.load(Map.of(), data);
        MasterKey old = loaded.current();
        Keyring keyring = Keyring.of(loaded);
        DataKeys keys = fill(keyring);
        List<Throwable> duringFailures = new ArrayList<>();
        List<RotationProgress> seen = new ArrayList<>();
        MasterKeyRotation rotation = new MasterKeyRotation(loaded, keyring, rotation(keyring, progress -> {
            seen.add(progress);
            if (seen.size() == 1) {
                try {
                    assertAllOpen(keys);
                    assertAllOpen(new DataKeys(store, keyring));
                    database.inWorkspace("wsNew", c -> keys.seal(c, "wsNew", VALUE, AAD));
                } catch (Throwable t) {
                    duringFailures.add(t);
                }
            }
        }));

        RotationProgress started = rotation.begin();
        String newId = started.newKeyId();
        assertThat(newId).isNotEqualTo(old.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(MasterKeys.NEXT_FILE))))
                .isEqualTo("rw-------");
        RotationProgress done = awaitEnd(rotation);

        assertThat(duringFailures).isEmpty();
        assertThat(done.state()).isEqualTo("completed");
        assertThat(done.total()).isEqualTo(WORKSPACES);
        assertThat(done.rewrapped()).isEqualTo(WORKSPACES);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(seen).extracting(RotationProgress::rewrapped).containsExactly(2L, 4L, 6L, 7L);
        assertThat(masterIds()).hasSize(WORKSPACES + 1).containsOnly(newId);
        assertThat(keyring.ids()).containsExactly(newId);
        assertThat(data.resolve(MasterKeys.NEXT_FILE)).doesNotExist();
        assertThat(MasterKeys.load(Map.of(), data).current().id()).isEqualTo(newId);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(MasterKeys.FILE))))
                .isEqualTo("rw-------");
        assertAllOpen(keys);
        assertAllOpen(new DataKeys(
                store, new Keyring(MasterKeys.load(Map.of(), data).current(), List.of())));
        // the old key alone opens nothing any more
        DataKeys oldOnly = new DataKeys(store, new Keyring(old, List.of()));
        assertThatThrownBy(() -> assertAllOpen(oldOnly)).hasMessageContaining("did not open");
    }

    @Test
    void aSecondStartWhileRunningIsRefused() throws Exception {
        LoadedKeys loaded = MasterKeys.load(Map.of(), data);
        Keyring keyring = Keyring.of(loaded);
        fill(keyring);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MasterKeyRotation rotation = new MasterKeyRotation(loaded, keyring, rotation(keyring, progress -> {
            paused.countDown();
            release.await(30, TimeUnit.SECONDS);
        }));

        rotation.begin();
        assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(rotation.progress().state()).isEqualTo("running");
        assertThatThrownBy(rotation::begin)
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("already running");
        release.countDown();

        assertThat(awaitEnd(rotation).state()).isEqualTo("completed");
    }

    @Test
    void aRotationStoppedAfterWritingTheNextKeyResumesOnTheNextStartAndCompletes() throws Exception {
        LoadedKeys first = MasterKeys.load(Map.of(), data);
        MasterKey old = first.current();
        Keyring keyring = Keyring.of(first);
        fill(keyring);
        MasterKeyRotation stopped = new MasterKeyRotation(first, keyring, rotation(keyring, progress -> {
            throw new InterruptedException("the server stops");
        }));
        String newId = stopped.begin().newKeyId();
        RotationProgress interrupted = awaitEnd(stopped);
        assertThat(interrupted.state()).isEqualTo("failed");
        assertThat(interrupted.detail()).contains("resumes on the next start");
        assertThat(masterIds()).contains(old.id(), newId);
        assertThat(data.resolve(MasterKeys.NEXT_FILE)).exists();

        LoadedKeys restarted = MasterKeys.load(Map.of(), data);
        assertThat(restarted.current().id()).isEqualTo(newId);
        Keyring again = Keyring.of(restarted);
        StartupCheck.verify(store, again, restarted);
        MasterKeyRotation resumed = new MasterKeyRotation(restarted, again, rotation(again, Rotation::ignore));
        resumed.resume();

        assertThat(awaitEnd(resumed).state()).isEqualTo("completed");
        assertThat(masterIds()).containsOnly(newId);
        assertThat(data.resolve(MasterKeys.NEXT_FILE)).doesNotExist();
        assertThat(MasterKeys.load(Map.of(), data).current().id()).isEqualTo(newId);
        assertAllOpen(new DataKeys(
                store, new Keyring(MasterKeys.load(Map.of(), data).current(), List.of())));
    }

    @Test
    void aFailedRotationIsRetriedWithTheSameNextKey() throws Exception {
        LoadedKeys loaded = MasterKeys.load(Map.of(), data);
        Keyring keyring = Keyring.of(loaded);
        fill(keyring);
        boolean[] failOnce = {true};
        MasterKeyRotation rotation = new MasterKeyRotation(loaded, keyring, rotation(keyring, progress -> {
            if (failOnce[0]) {
                failOnce[0] = false;
                throw new IllegalStateException("simulated failure");
            }
        }));
        String newId = rotation.begin().newKeyId();
        assertThat(awaitEnd(rotation).state()).isEqualTo("failed");

        assertThat(rotation.begin().newKeyId()).isEqualTo(newId);
        assertThat(awaitEnd(rotation).state()).isEqualTo("completed");
        assertThat(masterIds()).containsOnly(newId);
    }

    @Test
    void theEnvironmentKeyIsRotatedByRestartWithThePreviousKey() throws Exception {
        String oldBase64 = MasterKey.generate().base64();
        LoadedKeys before = MasterKeys.load(Map.of(MasterKeys.ENV, oldBase64), data);
        Keyring keyring = Keyring.of(before);
        fill(keyring);
        MasterKeyRotation api = new MasterKeyRotation(before, keyring, rotation(keyring, Rotation::ignore));
        assertThatThrownBy(api::begin)
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("PORTCULLIS_MASTER_KEY_PREVIOUS")
                .hasMessageNotContaining(oldBase64);
        assertThat(api.progress().state()).isEqualTo("idle");

        String newBase64 = Base64.getEncoder().encodeToString(new byte[32]);
        LoadedKeys after = MasterKeys.load(Map.of(MasterKeys.ENV, newBase64, MasterKeys.PREVIOUS_ENV, oldBase64), data);
        Keyring both = Keyring.of(after);
        StartupCheck.verify(store, both, after);
        MasterKeyRotation resumed = new MasterKeyRotation(after, both, rotation(both, Rotation::ignore));
        resumed.resume();

        RotationProgress done = awaitEnd(resumed);
        assertThat(done.state()).isEqualTo("completed");
        assertThat(done.detail()).contains("unset PORTCULLIS_MASTER_KEY_PREVIOUS");
        assertThat(masterIds()).containsOnly(after.current().id());
        assertAllOpen(new DataKeys(store, new Keyring(after.current(), List.of())));
        assertThat(data.resolve(MasterKeys.FILE)).doesNotExist();
    }

    @Test
    void theStartupCheckRefusesAKeyThatDoesNotUnwrapTheStoredDataKeys() throws Exception {
        LoadedKeys right =
                MasterKeys.load(Map.of(MasterKeys.ENV, MasterKey.generate().base64()), data);
        fill(Keyring.of(right));
        String wrongBase64 = MasterKey.generate().base64();
        LoadedKeys wrong = MasterKeys.load(Map.of(MasterKeys.ENV, wrongBase64), data);

        assertThatThrownBy(() -> StartupCheck.verify(store, Keyring.of(wrong), wrong))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining(
                        "the master key (id " + wrong.current().id() + ") cannot unwrap the data keys stored"
                                + " under key id " + right.current().id())
                .hasMessageContaining("PORTCULLIS_MASTER_KEY or <data>/master.key")
                .hasMessageNotContaining(wrongBase64);
        StartupCheck.verify(store, Keyring.of(right), right);
    }

    @Test
    void theStartupCheckRefusesARowAlteredUnderAKnownId() throws Exception {
        LoadedKeys loaded = MasterKeys.load(Map.of(), data);
        fill(Keyring.of(loaded));
        database.inTransaction(c -> {
            store.maintenance(c);
            return Jdbc.update(c, "UPDATE vault.data_keys SET wrapped = ? WHERE workspace_id = 'ws0'", new byte[60]);
        });

        assertThatThrownBy(() -> StartupCheck.verify(store, Keyring.of(loaded), loaded))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("does not unwrap");
    }
}
