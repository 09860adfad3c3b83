package io.portcullis.agent.internal.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.agent.internal.data.RunEvent;
import io.portcullis.agent.internal.data.RunStore;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Run events: each stored (the replay log) and then announced on this node, so a stream waiting in
 * {@link #await} wakes at once; events written by another node are found by polling every 500 ms.
 */
final class EventBus {

    static final long POLL_MILLIS = 500;
    static final int BATCH = 500;

    /** A run's wake-up: a counter that moves with each event written on this node. */
    private static final class Signal {
        private long version;
    }

    private final RunStore runs;
    private final ConcurrentMap<String, Signal> signals = new ConcurrentHashMap<>();
    /** Writes the deltas that model calls stream, in order, on a thread nobody interrupts. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portcullis-agent-deltas");
        thread.setDaemon(true);
        return thread;
    });

    EventBus(RunStore runs) {
        this.runs = runs;
    }

    /** {@link #append} on the writer thread; a failure is logged there and the future fails. */
    Future<?> appendLater(String workspaceId, String runId, String type, ObjectNode data) {
        try {
            return writer.submit(() -> {
                append(workspaceId, runId, type, data);
                return null;
            });
        } catch (RejectedExecutionException e) { // the engine is closing
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops the writer once what it was handed is written (bounded). */
    void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long append(String workspaceId, String runId, String type, ObjectNode data) throws SQLException {
        long seq = runs.appendEvent(workspaceId, runId, type, data.toString());
        Signal signal = signals.get(runId);
        if (signal != null) {
            synchronized (signal) {
                signal.version++;
                signal.notifyAll();
            }
        }
        return seq;
    }

    List<RunEvent> await(String workspaceId, String runId, long afterSeq, long maxMillis)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        Signal signal = signals.computeIfAbsent(runId, id -> new Signal());
        while (true) {
            long seen;
            synchronized (signal) {
                seen = signal.version;
            }
            List<RunEvent> events = runs.events(workspaceId, runId, afterSeq, BATCH);
            if (!events.isEmpty()) {
                if (events.get(events.size() - 1).type().equals("run.end")) {
                    signals.remove(runId); // it ended on another node: nothing will wake it here
                }
                return events;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return List.of();
            }
            synchronized (signal) {
                if (signal.version == seen) {
                    signal.wait(Math.min(POLL_MILLIS, left));
                }
            }
        }
    }

    /** Forgets a run's wake-up once it ended (a late waiter makes a new one and polls). */
    void ended(String runId) {
        Signal signal = signals.remove(runId);
        if (signal != null) {
            synchronized (signal) {
                signal.version++;
                signal.notifyAll();
            }
        }
    }
}
