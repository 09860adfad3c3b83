package io.portcullis.tools.internal.invoke;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool plugin code runs on: a fixed number of daemon threads and a bounded queue, so a
 * flood of calls is refused ({@link RejectedExecutionException}) instead of piling up, and a hung
 * plugin holds one thread, never the caller. A call first {@link #reserve reserves} its place and
 * starts only when the caller says {@link Reservation#start} (after its audit record is committed),
 * so a full pool is known before anything is recorded as running.
 */
public final class ToolExecutor implements AutoCloseable {

    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_QUEUE = 64;

    private final ThreadPoolExecutor pool;

    public ToolExecutor(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "portcullis-tool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /** A place for {@code body}, which waits for {@link Reservation#start}; throws when the pool is full. */
    Reservation reserve(Supplier<Execution> body) {
        CompletableFuture<Boolean> go = new CompletableFuture<>();
        Future<Execution> future = pool.submit(() -> go.get() ? body.get() : new Execution.Cancelled());
        return new Reservation(go, future);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One reserved call. */
    static final class Reservation {

        private final CompletableFuture<Boolean> go;
        private final Future<Execution> future;

        private Reservation(CompletableFuture<Boolean> go, Future<Execution> future) {
            this.go = go;
            this.future = future;
        }

        void start() {
            go.complete(true);
        }

        /** Drops the call without running it. */
        void cancel() {
            go.complete(false);
            future.cancel(true);
        }

        /** Waits up to {@code nanos} for the call; a call still running then is interrupted and abandoned. */
        Execution await(long nanos) {
            try {
                return future.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return new Execution.TimedOut();
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                return new Execution.Cancelled();
            } catch (ExecutionException e) {
                return new Execution.Crashed(e.getCause() == null ? e : e.getCause());
            } catch (java.util.concurrent.CancellationException e) {
                return new Execution.Cancelled();
            }
        }
    }
}
