package io.portcullis.host.wire;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The bounded buffer between the side that produces a stream and the peer that pulls it: the producer
 * {@link #put}s items and blocks while {@value #MAX_ITEMS} wait, so a slow reader slows the producer
 * instead of filling memory; the reader {@link #take}s batches, woken as soon as one item is in (no
 * polling interval); {@link #end} marks the end (with an error or not); {@link #cancel} is the reader
 * giving up, which makes the producer's next or current {@link #put} throw {@link
 * CancellationException}. Thread-safe.
 */
public final class StreamBuffer<T> {

    /** Items waiting at most, per stream. */
    public static final int MAX_ITEMS = 256;

    /** A batch holds items of at most about this many bytes, but always at least one item. */
    public static final int MAX_BATCH_BYTES = 1024 * 1024;

    /**
     * What one pull gets: items in order; {@code end} once nothing more will come, then {@code error}
     * says why it failed, or is null.
     */
    public record Batch<T>(
            List<T> items, boolean end, @Nullable RpcErrorInfo error) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ToIntFunction<T> weight;
    private final int capacity;
    private boolean ended;
    private boolean cancelled;
    private @Nullable RpcErrorInfo error;

    /** @param weight about how many bytes an item takes on the wire */
    public StreamBuffer(ToIntFunction<T> weight) {
        this(weight, MAX_ITEMS);
    }

    StreamBuffer(ToIntFunction<T> weight, int capacity) {
        this.weight = weight;
        this.capacity = capacity;
    }

    /**
     * Appends {@code item}, waiting while the buffer is full.
     *
     * @throws CancellationException once the reader cancelled the stream
     * @throws IllegalStateException after {@link #end}
     */
    public void put(T item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!cancelled && items.size() >= capacity) {
                notFull.await();
            }
            if (cancelled) {
                throw new CancellationException("the reader stopped");
            }
            if (ended) {
                throw new IllegalStateException("the stream has ended");
            }
            items.add(item);
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Nothing more will come; the first call counts. */
    public void end(@Nullable RpcErrorInfo failure) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                error = failure;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reader gives up: items are dropped, the producer's puts throw {@link CancellationException}. */
    public void cancel() {
        lock.lock();
        try {
            cancelled = true;
            items.clear();
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch: waits up to {@code waitMillis} for an item or the end, then takes what is there,
     * in order, within {@value #MAX_BATCH_BYTES} bytes. An empty batch that is not the end means nothing
     * came in time.
     */
    public Batch<T> take(long waitMillis) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMillis));
            while (items.isEmpty() && !ended && !cancelled && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            List<T> batch = new ArrayList<>(Math.min(items.size(), capacity));
            long bytes = 0;
            while (!items.isEmpty()) {
                int next = Math.max(1, weight.applyAsInt(items.peekFirst()));
                if (!batch.isEmpty() && bytes + next > MAX_BATCH_BYTES) {
                    break;
                }
                batch.add(items.pollFirst());
                bytes += next;
            }
            if (!batch.isEmpty()) {
                notFull.signalAll();
            }
            if (cancelled) {
                return new Batch<>(batch, true, new RpcErrorInfo(RpcError.CLOSED, "the stream was closed", null, 0, 0));
            }
            boolean end = ended && items.isEmpty();
            return new Batch<>(batch, end, end ? error : null);
        } finally {
            lock.unlock();
        }
    }
}
