package io.portcullis.hosts.internal;

import io.portcullis.host.wire.EgressStreamOpened;
import io.portcullis.host.wire.LineBatch;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.RpcErrorInfo;
import io.portcullis.host.wire.StreamBuffer;
import io.portcullis.host.wire.StreamNext;
import io.portcullis.host.wire.Wire;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressStreamSink;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress streams one host opened in the core ({@code egress.stream}): each reads its response
 * through the live call's own {@link CallContext#egress()} (so the guard's checks, scrubbing and limits
 * apply) on a pump thread of this link into a bounded buffer of lines the host pulls ({@code
 * egress.next}, at most {@value StreamNext#MAX_WAIT_MILLIS} ms per pull, so a long poll holds a callback
 * thread only briefly). At most {@value #MAX_PER_CALL} open per call and {@value #MAX_PUMPS} per host;
 * ids are random and name a stream of this link whose call is still live; the end of the call or of the
 * link closes them all.
 */
final class EgressStreams {

    static final int MAX_PER_CALL = 4;
    static final int MAX_PUMPS = 32;

    private static final Logger LOG = LoggerFactory.getLogger(EgressStreams.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String pluginId;
    private final Map<String, Pump> streams = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pumps;

    EgressStreams(String pluginId) {
        this.pluginId = pluginId;
        AtomicInteger threads = new AtomicInteger();
        this.pumps = new ThreadPoolExecutor(0, MAX_PUMPS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread t = new Thread(task, "plugin-egress-" + pluginId + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens a stream of {@code call} and waits until the response's status and headers are known.
     *
     * @throws RpcError {@link RpcError#EGRESS} with the reason when the guard refuses or the request
     *     fails, {@link RpcError#REFUSED} over the limits, {@link RpcError#TIMEOUT} at the call's deadline
     */
    EgressStreamOpened open(String call, CallContext context, EgressRequest request, Predicate<String> live)
            throws RpcError {
        Pump pump = new Pump(newId(), call);
        synchronized (streams) {
            long open =
                    streams.values().stream().filter(p -> p.call.equals(call)).count();
            if (open >= MAX_PER_CALL) {
                throw new RpcError(RpcError.REFUSED, "at most " + MAX_PER_CALL + " egress streams per call");
            }
            streams.put(pump.id, pump);
        }
        if (!live.test(call)) { // the call ended meanwhile, after its streams were closed
            close(pump);
            throw unknown();
        }
        try {
            pump.future = pumps.submit(() -> pump.run(context, request));
        } catch (RejectedExecutionException e) {
            streams.remove(pump.id);
            throw new RpcError(RpcError.REFUSED, "busy: " + MAX_PUMPS + " egress streams run already");
        }
        try {
            long wait = Duration.between(Instant.now(), context.deadline()).toNanos();
            return pump.opened.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            close(pump);
            if (e.getCause() instanceof RpcError error) {
                throw error;
            }
            throw new RpcError(RpcError.INTERNAL, "the core could not send the request");
        } catch (TimeoutException e) {
            close(pump);
            throw new RpcError(
                    RpcError.EGRESS,
                    "no response before the deadline",
                    Wire.mapper().createObjectNode().put("reason", EgressException.Reason.TIMEOUT.name()));
        } catch (InterruptedException e) {
            close(pump);
            Thread.currentThread().interrupt();
            throw new RpcError(RpcError.INTERNAL, "interrupted");
        }
    }

    /**
     * The next lines of a stream of a call that {@code live} says is still live; the last batch
     * forgets the stream.
     */
    LineBatch next(StreamNext next, Predicate<String> live) throws RpcError {
        Pump pump = pump(next.stream(), live);
        StreamBuffer.Batch<String> batch;
        try {
            batch = pump.buffer.take(next.clampedWaitMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(RpcError.INTERNAL, "interrupted");
        }
        if (batch.end()) {
            streams.remove(pump.id);
        }
        return new LineBatch(batch.items(), batch.end(), batch.error());
    }

    /** The host stopped reading. */
    void close(String id, Predicate<String> live) throws RpcError {
        close(pump(id, live));
    }

    /** The call ended: its streams close. */
    void closeCall(String call) {
        for (Pump pump : streams.values()) {
            if (pump.call.equals(call)) {
                close(pump);
            }
        }
    }

    /** The link ended: every stream closes, no pump thread is left. */
    void closeAll() {
        for (Pump pump : streams.values()) {
            close(pump);
        }
        pumps.shutdownNow();
    }

    int size() {
        return streams.size();
    }

    private void close(Pump pump) {
        streams.remove(pump.id);
        pump.buffer.cancel();
        Future<?> running = pump.future;
        if (running != null) {
            running.cancel(true);
        }
    }

    private Pump pump(@Nullable String id, Predicate<String> live) throws RpcError {
        Pump pump = id == null ? null : streams.get(id);
        if (pump == null || !live.test(pump.call)) {
            throw unknown();
        }
        return pump;
    }

    private static RpcError unknown() {
        return new RpcError(RpcError.UNKNOWN_CALL, "no egress stream of this host is open under that id");
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static RpcError egressError(EgressException e) {
        return new RpcError(
                RpcError.EGRESS,
                e.getMessage() == null ? "refused" : e.getMessage(),
                Wire.mapper().createObjectNode().put("reason", e.reason().name()));
    }

    /** One stream: the guard's stream of the call, read on a pump thread into the buffer. */
    private final class Pump implements EgressStreamSink {
        final String id;
        final String call;
        final StreamBuffer<String> buffer = new StreamBuffer<>(String::length);
        final CompletableFuture<EgressStreamOpened> opened = new CompletableFuture<>();
        volatile @Nullable Future<?> future;

        Pump(String id, String call) {
            this.id = id;
            this.call = call;
        }

        void run(CallContext context, EgressRequest request) {
            RpcErrorInfo failure = null;
            try {
                context.egress().stream(request, this);
                if (!opened.isDone()) {
                    open(0, Map.of()); // a client that never opened: an empty body
                }
            } catch (EgressException e) {
                failure = RpcErrorInfo.of(egressError(e));
                opened.completeExceptionally(egressError(e));
            } catch (RuntimeException e) { // NOPMD: the core's client failing must not kill the pump
                LOG.warn(
                        "Egress stream for plugin host '{}' failed in the core ({})",
                        pluginId,
                        e.getClass().getName());
                failure = new RpcErrorInfo(RpcError.INTERNAL, "the core could not read the response", null, 0, 0);
                opened.completeExceptionally(failure.toRpcError());
            }
            buffer.end(failure);
        }

        @Override
        public void open(int status, Map<String, List<String>> headers) {
            Map<String, List<String>> kept = new java.util.HashMap<>();
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    kept.put(
                            name,
                            values.stream().filter(java.util.Objects::nonNull).toList());
                }
            });
            opened.complete(new EgressStreamOpened(id, status, kept));
        }

        @Override
        public boolean line(String line) {
            try {
                buffer.put(line);
                return true;
            } catch (CancellationException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
