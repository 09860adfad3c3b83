package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.internal.Witness;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer thread: takes whatever is queued, up to the batch size, commits it as one transaction
 * and answers every caller of the batch: its record after the commit, or an
 * {@link AuditUnavailableException} when the batch failed. A failure is remembered (the log is not
 * writable and its health check is down) until a later batch succeeds; the loop never stops on one.
 * While a batch commits, the next one gathers in the queue: that is the group commit.
 */
final class WriterLoop implements Runnable {

    /** How often an idle writer looks at its stop flag and logs counted refusals. */
    static final long POLL_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(WriterLoop.class);
    private static final long REFUSAL_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BlockingQueue<PendingAppend> queue;
    private final BatchCommit commit;
    private final int maxBatch;
    private final Refusals refusals;
    private final @Nullable Witness witness;
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile boolean alive = true;
    private volatile @Nullable String lastFailure;
    private long lastRefusalLog = System.nanoTime();

    WriterLoop(BlockingQueue<PendingAppend> queue, BatchCommit commit, int maxBatch, Refusals refusals) {
        this(queue, commit, maxBatch, refusals, null);
    }

    WriterLoop(
            BlockingQueue<PendingAppend> queue,
            BatchCommit commit,
            int maxBatch,
            Refusals refusals,
            @Nullable Witness witness) {
        this.witness = witness;
        this.queue = queue;
        this.commit = commit;
        this.maxBatch = maxBatch;
        this.refusals = refusals;
    }

    @Override
    public void run() {
        List<PendingAppend> drained = new ArrayList<>(maxBatch);
        try {
            while (!halted && !(stopping && queue.isEmpty())) {
                PendingAppend first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    drained.clear();
                    drained.add(first);
                    queue.drainTo(drained, maxBatch - 1);
                    write(drained);
                }
                logRefusals();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            lastFailure = e.getClass().getSimpleName();
            LOG.error("The audit writer stopped; appends fail until the audit bundle restarts", e);
            throw e;
        } finally {
            alive = false;
            refusals.flush();
        }
    }

    /** Finishes what is queued, then ends; {@link #halt} ends it after the current batch. */
    void stop() {
        stopping = true;
    }

    void halt() {
        halted = true;
    }

    boolean alive() {
        return alive;
    }

    /** The simple class name of what failed the last batch, or null when it succeeded. */
    @Nullable String lastFailure() {
        return lastFailure;
    }

    private void write(List<PendingAppend> drained) {
        List<PendingAppend> batch = new ArrayList<>(drained.size());
        List<Prepared> prepared = new ArrayList<>(drained.size());
        for (PendingAppend pending : drained) {
            if (pending.take()) { // else its caller gave up and was counted as refused
                batch.add(pending);
                prepared.add(pending.prepared);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<AuditRecord> records;
        try {
            records = commit.commit(prepared);
        } catch (SQLException | RuntimeException e) {
            lastFailure = e.getClass().getSimpleName();
            Set<String> chains = chainsOf(batch);
            LOG.error(
                    "An audit batch of {} record(s) on chain(s) {} was not committed; every caller was refused",
                    batch.size(),
                    Chains.quoted(chains),
                    e);
            fail(
                    batch,
                    new AuditUnavailableException("audit: the record's batch could not be committed ("
                            + e.getClass().getSimpleName() + "); nothing was recorded"));
            return;
        }
        if (!witnessed(batch, records)) {
            return;
        }
        lastFailure = null;
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!batch.get(i).deliver(records.get(i))) {
                unanswered.add(records.get(i).chain() + "#" + records.get(i).sequence());
            }
        }
        if (!unanswered.isEmpty()) {
            LOG.warn(
                    "{} audit record(s) were committed after their callers had given up waiting: {}",
                    unanswered.size(),
                    Chains.quoted(unanswered));
        }
    }

    /**
     * Syncs the new head of each chain of the batch to the witness before any caller hears of it. If
     * that fails, the records are committed but every caller is refused: a record too many, never an
     * acknowledged one the witness does not know.
     */
    private boolean witnessed(List<PendingAppend> batch, List<AuditRecord> records) {
        if (witness == null) {
            return true;
        }
        Map<String, Witness.Head> heads = new LinkedHashMap<>();
        for (AuditRecord record : records) {
            heads.put(record.chain(), new Witness.Head(record.chain(), record.sequence(), record.hash()));
        }
        try {
            witness.append(heads.values());
            return true;
        } catch (IOException | RuntimeException e) {
            lastFailure = "witness " + e.getClass().getSimpleName();
            LOG.error(
                    "An audit batch of {} record(s) on chain(s) {} was committed but not witnessed; every caller"
                            + " was refused",
                    batch.size(),
                    Chains.quoted(heads.keySet()),
                    e);
            fail(
                    batch,
                    new AuditUnavailableException("audit: the record's batch could not be witnessed ("
                            + e.getClass().getSimpleName() + ")"));
            return false;
        }
    }

    /** Fails every append left in the queue once the thread is gone (the log is stopping). */
    void failLeftovers() {
        List<PendingAppend> left = new ArrayList<>();
        queue.drainTo(left);
        List<PendingAppend> taken = left.stream().filter(PendingAppend::take).toList();
        if (!taken.isEmpty()) {
            LOG.error(
                    "{} audit append(s) on chain(s) {} were still queued when the log stopped; their callers"
                            + " were refused",
                    taken.size(),
                    Chains.quoted(chainsOf(taken)));
            fail(taken, new AuditUnavailableException("audit: the log stopped; nothing was recorded"));
        }
    }

    private static void fail(List<PendingAppend> appends, AuditUnavailableException e) {
        for (PendingAppend pending : appends) {
            pending.fail(e);
        }
    }

    private static Set<String> chainsOf(List<PendingAppend> appends) {
        Set<String> chains = new LinkedHashSet<>();
        for (PendingAppend pending : appends) {
            chains.add(pending.prepared.chain());
        }
        return chains;
    }

    private void logRefusals() {
        long now = System.nanoTime();
        if (now - lastRefusalLog >= REFUSAL_LOG_INTERVAL_NANOS) {
            lastRefusalLog = now;
            refusals.flush();
        }
    }
}
