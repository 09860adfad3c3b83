package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One caller's append between its enqueueing and its answer. The caller and the writer race for it
 * with compare-and-sets, so each append ends exactly one way: the writer {@link #take takes} it into a
 * batch and then {@link #deliver delivers} or {@link #fail fails} it, or the caller, having waited too
 * long, gives up first, is counted in the {@link Refusals} and the writer skips it. A caller that gives up after its append was taken
 * cannot take it back: the batch may still commit it, the caller is told so, and the writer logs it
 * when it happens ({@link #deliver} answers false).
 */
final class PendingAppend {

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int ANSWERED = 2;
    private static final int ABANDONED = 3;
    private static final int ABANDONED_AFTER_TAKEN = 4;

    final Prepared prepared;
    private final Refusals refusals;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CompletableFuture<AuditRecord> outcome = new CompletableFuture<>();

    PendingAppend(Prepared prepared, Refusals refusals) {
        this.prepared = prepared;
        this.refusals = refusals;
    }

    /** Called by the writer: true if this append goes into the batch, false if its caller gave up. */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    /** Acknowledges the committed record; false if the caller had already given up on it. */
    boolean deliver(AuditRecord record) {
        if (!state.compareAndSet(TAKEN, ANSWERED)) {
            return false;
        }
        outcome.complete(record);
        return true;
    }

    /** Fails the caller (if it still waits) with {@code e}. */
    void fail(AuditUnavailableException e) {
        state.set(ANSWERED);
        outcome.completeExceptionally(e);
    }

    /** Waits at most {@code nanos} for the commit. */
    AuditRecord await(long nanos) throws AuditUnavailableException {
        try {
            return outcome.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (TimeoutException e) {
            return giveUp("audit: the record was not committed in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return giveUp("audit: interrupted while waiting for the commit");
        }
    }

    /**
     * Stops waiting: the writer will skip this append if it has not taken it yet. If the writer
     * answered in the meantime, that answer stands.
     */
    AuditRecord giveUp(String why) throws AuditUnavailableException {
        if (state.compareAndSet(QUEUED, ABANDONED)) {
            refusals.add(prepared.chain());
            throw new AuditUnavailableException(why + "; nothing was recorded");
        }
        if (state.compareAndSet(TAKEN, ABANDONED_AFTER_TAKEN)) {
            throw new AuditUnavailableException(why + "; its batch may still commit it");
        }
        try { // ANSWERED: the outcome is set right after that state, so this does not wait long
            return outcome.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(why);
        }
    }

    private static AuditUnavailableException unwrap(ExecutionException e) {
        // A fresh exception, so that the stack shows this caller, not the writer thread.
        Throwable cause = e.getCause();
        return new AuditUnavailableException(
                cause instanceof AuditUnavailableException ? cause.getMessage() : "audit: the writer failed", cause);
    }
}
