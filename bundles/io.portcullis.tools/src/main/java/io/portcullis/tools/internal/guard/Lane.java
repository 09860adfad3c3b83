package io.portcullis.tools.internal.guard;

import java.time.Duration;
import java.util.concurrent.Callable;
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

/**
 * A fixed number of daemon threads and room for a bounded number of calls waiting. A call first takes
 * a place (one of {@code threads + queue} permits, held until its body has really ended, even after
 * its caller gave up on it), so a full lane is known before anything runs.
 */
final class Lane implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final Semaphore places;

    Lane(String threadPrefix, int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, threadPrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // The permits bound the queue; the queue itself need not refuse.
        this.pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
        this.places = new Semaphore(threads + queue);
    }

    /** Runs {@code body} on a thread of the lane and waits at most {@code timeout}; never throws. */
    <T> Guarded<T> call(Callable<T> body, Duration timeout) {
        if (!places.tryAcquire()) {
            return new Guarded.Full<>();
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                places.release();
            }
        };
        FutureTask<T> task = new FutureTask<>(() -> {
            try {
                return body.call();
            } finally {
                release.run();
            }
        });
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) { // shut down
            release.run();
            return new Guarded.Cancelled<>();
        }
        return await(task, timeout.toNanos());
    }

    int freePlaces() {
        return places.availablePermits();
    }

    /** Waits up to {@code nanos} for the call; a call still running then is interrupted and abandoned. */
    private static <T> Guarded<T> await(FutureTask<T> task, long nanos) {
        try {
            return new Guarded.Returned<>(task.get(Math.max(0, nanos), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            task.cancel(true);
            return new Guarded.TimedOut<>();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return new Guarded.Cancelled<>();
        } catch (ExecutionException e) { // the plugin's Error too: FutureTask catches every Throwable
            return new Guarded.Threw<>(e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            return new Guarded.Cancelled<>();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
