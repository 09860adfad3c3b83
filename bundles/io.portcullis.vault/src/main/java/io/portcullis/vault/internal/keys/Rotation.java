package io.portcullis.vault.internal.keys;

import io.portcullis.store.Jdbc;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-wraps every data key that is not under a target master key, on one daemon thread, in small
 * batches of one transaction each, so that no lock is held for long and the server keeps serving:
 * data keys do not change, only their wrapping, and the keyring accepts both keys meanwhile. When no
 * row is left, a {@link Completion} makes the new key the only one (moves the key file), and the old
 * keys are forgotten.
 *
 * <p>A seal that read the old key as current just before the switch may commit a row under it after
 * the last batch. So the last check holds writers off (PostgreSQL's {@code LOCK TABLE ... IN SHARE
 * MODE} waits for them) or, on H2 which has no table lock, waits {@code settle} first; rows found then
 * are re-wrapped in a further pass.
 */
final class Rotation implements AutoCloseable {

    /** The step that ends a rotation once no row is left under an old key; throwing fails it. */
    @FunctionalInterface
    interface Completion {
        @Nullable String complete() throws MasterKeyException;
    }

    /** Called after each committed batch (tests pause here to act while a rotation runs). */
    @FunctionalInterface
    interface BatchListener {
        void afterBatch(RotationProgress progress) throws InterruptedException;
    }

    static final int BATCH = 100;

    /** The listener of production: nothing to do between batches. */
    static void ignore(RotationProgress progress) {}

    private static final int MAX_PASSES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Rotation.class);

    private final DataKeyStore store;
    private final Keyring keyring;
    private final Clock clock;
    private final int batchSize;
    private final Duration settle;
    private final BatchListener listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "portcullis-vault-rotation");
        t.setDaemon(true);
        return t;
    });
    private volatile RotationProgress progress = RotationProgress.idle();

    Rotation(DataKeyStore store, Keyring keyring, Clock clock, int batchSize, Duration settle, BatchListener listener) {
        this.store = store;
        this.keyring = keyring;
        this.clock = clock;
        this.batchSize = batchSize;
        this.settle = settle;
        this.listener = listener;
    }

    RotationProgress progress() {
        return progress;
    }

    /** Starts re-wrapping under {@code target} (already current in the keyring); false if one is running. */
    synchronized boolean start(MasterKey target, Completion completion) {
        if (progress.running()) {
            return false;
        }
        progress = RotationProgress.started(target.id(), Jdbc.now(clock));
        thread.execute(() -> run(target, completion));
        return true;
    }

    private void run(MasterKey target, Completion completion) {
        LOG.info("Master key rotation to id '{}' started", target.id());
        try {
            progress = progress.remaining(countLeft(target));
            for (int pass = 1; ; pass++) {
                rewrapAll(target);
                long left = finalCount(target);
                if (left == 0) {
                    break;
                }
                if (pass == MAX_PASSES) {
                    throw new RotationFailure(left + " data keys are still wrapped under an old master key after "
                            + MAX_PASSES + " passes");
                }
                progress = progress.remaining(left);
            }
            String note = completion.complete();
            keyring.retireAllButCurrent();
            progress = progress.completed(Jdbc.now(clock), note);
            LOG.info(
                    "Master key rotation to id '{}' completed: {} data keys re-wrapped",
                    target.id(),
                    progress.rewrapped());
        } catch (InterruptedException e) {
            progress = progress.failed(Jdbc.now(clock), "stopped with the server; it resumes on the next start");
            Thread.currentThread().interrupt();
        } catch (RotationFailure | MasterKeyException e) {
            fail(target, e.getMessage());
        } catch (SQLException e) {
            fail(target, "database error (SQLSTATE " + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            fail(target, e.getClass().getSimpleName());
        }
    }

    private void fail(MasterKey target, String reason) {
        progress =
                progress.failed(Jdbc.now(clock), reason + "; both master keys stay accepted: start the rotation again");
        LOG.warn("Master key rotation to id '{}' failed: {}", target.id(), reason);
    }

    private void rewrapAll(MasterKey target) throws SQLException, InterruptedException {
        String after = "";
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            String from = after;
            Batch batch = store.database().inTransaction(connection -> {
                store.maintenance(connection);
                List<DataKeyStore.Row> rows = store.notUnder(connection, target.id(), from, batchSize);
                int done = 0;
                for (DataKeyStore.Row row : rows) {
                    if (store.rewrap(connection, row, target.id(), rewrapped(row, target))) {
                        done++;
                    }
                }
                return new Batch(
                        rows.isEmpty() ? null : rows.get(rows.size() - 1).workspaceId(), done);
            });
            if (batch.last() == null) {
                return;
            }
            progress = progress.advanced(batch.rewrapped());
            listener.afterBatch(progress);
            after = batch.last();
        }
    }

    private byte[] rewrapped(DataKeyStore.Row row, MasterKey target) {
        MasterKey old = keyring.find(row.masterKeyId())
                .orElseThrow(() -> new RotationFailure("the data key of workspace '" + row.workspaceId()
                        + "' is wrapped under master key id '" + row.masterKeyId() + "', which is not loaded"));
        byte[] material;
        try {
            material = old.unwrap(row.workspaceId(), row.wrapped());
        } catch (SealException e) {
            throw new RotationFailure("the data key of workspace '" + row.workspaceId()
                    + "' does not unwrap under master key id '" + row.masterKeyId() + "'");
        }
        try {
            return target.wrap(row.workspaceId(), material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private long countLeft(MasterKey target) throws SQLException {
        return store.database().inTransaction(connection -> {
            store.maintenance(connection);
            return store.countNotUnder(connection, target.id());
        });
    }

    private long finalCount(MasterKey target) throws SQLException, InterruptedException {
        if (!settle.isZero()) {
            Thread.sleep(settle.toMillis());
        }
        return store.database().inTransaction(connection -> {
            store.maintenance(connection);
            store.holdWriters(connection);
            return store.countNotUnder(connection, target.id());
        });
    }

    /** Stops the rotation thread; an unfinished rotation resumes on the next start. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The master key rotation thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Batch(@Nullable String last, int rewrapped) {}

    /** Ends a rotation with a reason that names ids, never keys. */
    private static final class RotationFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RotationFailure(String message) {
            super(message, null, false, false);
        }
    }
}
