package io.portcullis.tools.internal.invoke;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool plugin code runs on: a fixed number of daemon threads and room for a bounded number
 * of calls waiting, so a flood of calls is refused ({@link RejectedExecutionException}) instead of
 * piling up, and a hung plugin holds one thread, never the caller. A call first {@link #reserve
 * reserves} its place (one of {@code threads + queue} permits, held until its body has really ended,
 * even after its caller gave up on it) and is handed to a thread only by {@link Reservation#start},
 * after its audit record is committed: a full pool is known before anything is recorded as running,
 * and nothing waits on a thread for the record.
 */
public final class ToolExecutor implements AutoCloseable {

    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_QUEUE = 64;

    private final ThreadPoolExecutor pool;
    private final Semaphore places;

    public ToolExecutor(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "portcullis-tool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // The permits bound the queue; the queue itself need not refuse.
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                factory);
        this.places = new Semaphore(threads + queue);
    }

    /** A place for one call; throws {@link RejectedExecutionException} when every place is taken. */
    Reservation reserve() {
        if (!places.tryAcquire()) {
            throw new RejectedExecutionException("every place of the tool executor is taken");
        }
        return new Reservation();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One reserved place: started once with a body, or cancelled. */
    final class Reservation {

        private final AtomicBoolean released = new AtomicBoolean();
        private FutureTask<Execution> task;

        /** Hands {@code body} to a thread; the place is freed when the body ends, however it ends. */
        void start(Supplier<Execution> body) {
            task = new FutureTask<>(() -> {
                try {
                    return body.get();
                } finally {
                    release();
                }
            });
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) { // shut down
                release();
                task.cancel(false);
            }
        }

        /** Gives the place back without running anything. */
        void cancel() {
            release();
        }

        /** Waits up to {@code nanos} for the call; a call still running then is interrupted and abandoned. */
        Execution await(long nanos) {
            try {
                return task.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                task.cancel(true);
                return new Execution.TimedOut();
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                return new Execution.Cancelled();
            } catch (ExecutionException e) {
                return new Execution.Crashed(e.getCause() == null ? e : e.getCause());
            } catch (CancellationException e) {
                return new Execution.Cancelled();
            }
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                places.release();
            }
        }
    }
}
