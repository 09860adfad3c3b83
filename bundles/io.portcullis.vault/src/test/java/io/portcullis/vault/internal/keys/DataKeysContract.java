package io.portcullis.vault.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link DataKeys} promises, run against each engine by a subclass. */
abstract class DataKeysContract {

    static final byte[] VALUE = "sk-live-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final byte[] AAD = "cred1/v1".getBytes(StandardCharsets.UTF_8);

    TestDatabase db;
    Database database;
    Keyring keyring;
    DataKeyStore store;
    DataKeys keys;

    abstract Engine engine();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.of(engine(), "vault");
        database = db.database;
        keyring = new Keyring(MasterKey.generate(), List.of());
        store = new DataKeyStore(database, Clock.systemUTC());
        keys = new DataKeys(store, keyring);
    }

    byte[] seal(DataKeys with, String ws, byte[] value, byte[] aad) throws SQLException {
        return database.inWorkspace(ws, c -> with.seal(c, ws, value, aad));
    }

    byte[] open(DataKeys with, String ws, byte[] sealed, byte[] aad) throws Exception {
        return database.inWorkspace(ws, c -> {
            try {
                return with.open(c, ws, sealed, aad);
            } catch (SealException e) {
                throw new SealFailure(e);
            }
        });
    }

    /** Carries a SealException out of a transaction (which takes SQLException only). */
    static final class SealFailure extends RuntimeException {
        SealFailure(SealException e) {
            super(e.getMessage(), e);
        }
    }

    DataKeys fresh() {
        return new DataKeys(new DataKeyStore(database, Clock.systemUTC()), keyring);
    }

    long rows() throws SQLException {
        return database.inTransaction(c -> {
            store.maintenance(c);
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM vault.data_keys");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Test
    void sealsAndOpensCreatingOneDataKeyPerWorkspace() throws Exception {
        byte[] sealed = seal(keys, "ws1", VALUE, AAD);
        byte[] again = seal(keys, "ws1", VALUE, AAD);

        assertThat(open(keys, "ws1", sealed, AAD)).isEqualTo(VALUE);
        assertThat(open(fresh(), "ws1", again, AAD)).isEqualTo(VALUE);
        assertThat(rows()).isEqualTo(1);
        seal(keys, "ws2", VALUE, AAD);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void refusesTamperedCiphertextAndSwappedAssociatedData() throws Exception {
        byte[] sealed = seal(keys, "ws1", VALUE, AAD);
        for (int i : new int[] {
            0,
            Aead.NONCE_BYTES - 1,
            Aead.NONCE_BYTES,
            sealed.length - Aead.TAG_BYTES - 1,
            sealed.length - Aead.TAG_BYTES,
            sealed.length - 1
        }) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x40;
            assertThatThrownBy(() -> open(keys, "ws1", tampered, AAD))
                    .as("byte %d", i)
                    .hasCauseInstanceOf(SealException.class);
        }
        assertThatThrownBy(() -> open(keys, "ws1", sealed, "cred2/v1".getBytes(StandardCharsets.UTF_8)))
                .hasCauseInstanceOf(SealException.class);
        assertThat(open(keys, "ws1", sealed, AAD)).isEqualTo(VALUE);
    }

    @Test
    void aCiphertextOfOneWorkspaceDoesNotOpenInAnother() throws Exception {
        byte[] ofA = seal(keys, "wsA", VALUE, AAD);
        seal(keys, "wsB", VALUE, AAD);

        assertThatThrownBy(() -> open(keys, "wsB", ofA, AAD)).hasCauseInstanceOf(SealException.class);
        assertThatThrownBy(() -> open(fresh(), "wsB", ofA, AAD)).hasCauseInstanceOf(SealException.class);
        assertThat(open(keys, "wsA", ofA, AAD)).isEqualTo(VALUE);
    }

    @Test
    void destroyCryptoShredsForThisInstanceAndForAFreshOne() throws Exception {
        byte[] sealed = seal(keys, "ws1", VALUE, AAD);
        byte[] other = seal(keys, "ws2", VALUE, AAD);
        assertThat(open(keys, "ws1", sealed, AAD)).isEqualTo(VALUE);

        database.inWorkspace("ws1", c -> {
            keys.destroy(c, "ws1");
            return null;
        });

        assertThatThrownBy(() -> open(keys, "ws1", sealed, AAD))
                .hasCauseInstanceOf(SealException.class)
                .hasMessageContaining("no data key");
        assertThatThrownBy(() -> open(fresh(), "ws1", sealed, AAD)).hasCauseInstanceOf(SealException.class);
        assertThat(open(fresh(), "ws2", other, AAD)).isEqualTo(VALUE);
        // a new key for the workspace does not bring the old ciphertext back
        byte[] later = seal(keys, "ws1", VALUE, AAD);
        assertThatThrownBy(() -> open(keys, "ws1", sealed, AAD)).hasCauseInstanceOf(SealException.class);
        assertThat(open(keys, "ws1", later, AAD)).isEqualTo(VALUE);
    }

    @Test
    void aKeyCreatedInARolledBackTransactionIsNotUsedAfterwards() throws Exception {
        assertThatThrownBy(() -> database.inWorkspace("ws1", c -> {
                    keys.seal(c, "ws1", VALUE, AAD);
                    throw new SQLException("the caller's work failed");
                }))
                .hasMessageContaining("caller's work failed");
        assertThat(rows()).isZero();

        byte[] sealed = seal(keys, "ws1", VALUE, AAD);

        assertThat(rows()).isEqualTo(1);
        assertThat(open(fresh(), "ws1", sealed, AAD)).isEqualTo(VALUE);
    }

    @Test
    void macsCorrelateWithinAWorkspaceOnly() throws Exception {
        byte[] data = "the same input".getBytes(StandardCharsets.UTF_8);
        byte[] a1 = database.inWorkspace("wsA", c -> keys.mac(c, "wsA", "fingerprint", data));
        byte[] a2 = database.inWorkspace("wsA", c -> fresh().mac(c, "wsA", "fingerprint", data));
        byte[] audit = database.inWorkspace("wsA", c -> keys.mac(c, "wsA", "audit", data));
        byte[] b = database.inWorkspace("wsB", c -> keys.mac(c, "wsB", "fingerprint", data));

        assertThat(a1).hasSize(32).isEqualTo(a2);
        assertThat(audit).isNotEqualTo(a1);
        assertThat(b).isNotEqualTo(a1);
        assertThatThrownBy(() -> database.inWorkspace("wsA", c -> keys.mac(c, "wsA", "Bad Purpose", data)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("purpose");
    }

    @Test
    void concurrentFirstSealsShareOneDataKey() throws Exception {
        DataKeys other = fresh();
        CountDownLatch firstInserted = new CountDownLatch(1);
        CompletableFuture<byte[]> second = new CompletableFuture<>();
        byte[] first = database.inWorkspace("ws1", c -> {
            byte[] sealed = keys.seal(c, "ws1", VALUE, AAD);
            firstInserted.countDown();
            // the second seal, in its own transaction, finds no committed key and blocks on this one's insert
            CompletableFuture.runAsync(() -> {
                try {
                    second.complete(seal(other, "ws1", VALUE, AAD));
                } catch (Throwable t) {
                    second.completeExceptionally(t);
                }
            });
            awaitBlockedInsert(second);
            return sealed;
        });
        assertThat(firstInserted.await(1, TimeUnit.SECONDS)).isTrue();
        byte[] secondSealed = second.get(30, TimeUnit.SECONDS);

        assertThat(rows()).isEqualTo(1);
        assertThat(open(fresh(), "ws1", first, AAD)).isEqualTo(VALUE);
        assertThat(open(fresh(), "ws1", secondSealed, AAD)).isEqualTo(VALUE);
        assertThat(open(keys, "ws1", secondSealed, AAD)).isEqualTo(VALUE);
        assertThat(open(other, "ws1", first, AAD)).isEqualTo(VALUE);
    }

    /** Waits until another session waits for a lock (or the second seal already ended), polling the engine. */
    void awaitBlockedInsert(CompletableFuture<byte[]> second) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!second.isDone() && System.nanoTime() < deadline) {
            if (someSessionWaits()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    abstract boolean someSessionWaits() throws SQLException;

    static boolean any(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            return r.next() && r.getLong(1) > 0;
        }
    }
}
