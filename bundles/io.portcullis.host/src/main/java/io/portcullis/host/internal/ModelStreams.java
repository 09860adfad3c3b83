package io.portcullis.host.internal;

import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.RpcErrorInfo;
import io.portcullis.host.wire.StreamBatch;
import io.portcullis.host.wire.StreamBuffer;
import io.portcullis.host.wire.StreamEvent;
import io.portcullis.host.wire.StreamNext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The model streams the core opened on this host ({@code model.stream}): each runs {@code
 * provider.stream} on a thread of its own, with a sink that fills a bounded {@link StreamBuffer} the
 * core pulls ({@code stream.next}); closed by the core ({@code stream.close}, {@code call.cancel}),
 * after which the provider's next sink call throws {@link CancellationException}.
 */
final class ModelStreams {

    /** Streams running at once on one host; more are refused busy. */
    static final int MAX_STREAMS = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The work of one stream: the provider's {@code stream} into the sink. */
    @FunctionalInterface
    interface Work {
        void run(CompletionSink sink) throws Exception;
    }

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(
            0, MAX_STREAMS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), Threads.daemon("model-stream"));

    /**
     * Starts {@code work} for {@code call} inside {@code span} (closed when it ends); returns the id.
     *
     * @throws RpcError {@link RpcError#INTERNAL} when {@value #MAX_STREAMS} streams run already
     */
    String open(String call, LiveCalls calls, Work work) throws RpcError {
        String id = newId();
        Stream stream = new Stream(id, call);
        LiveCalls.Span span = calls.enter(call, stream::cancel);
        streams.put(id, stream);
        try {
            threads.execute(() -> stream.run(work, span));
        } catch (RejectedExecutionException e) {
            streams.remove(id);
            span.close();
            throw new RpcError(RpcError.INTERNAL, "busy: " + MAX_STREAMS + " streams run already");
        }
        return id;
    }

    /** The next batch of stream {@code next.stream()}; the last one forgets the stream. */
    StreamBatch next(StreamNext next) throws RpcError {
        Stream stream = stream(next.stream());
        StreamBuffer.Batch<StreamEvent> batch;
        try {
            batch = stream.buffer.take(next.clampedWaitMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(RpcError.INTERNAL, "interrupted");
        }
        if (batch.end()) {
            streams.remove(stream.id);
        }
        return new StreamBatch(batch.items(), batch.end(), batch.error());
    }

    /** The core stopped reading {@code id}. */
    void close(String id) throws RpcError {
        Stream stream = stream(id);
        streams.remove(id);
        stream.cancel();
    }

    /** The core gave up on {@code call}: its streams end, running or not. */
    void cancelCall(String call) {
        for (Stream stream : streams.values()) {
            if (stream.call.equals(call)) {
                streams.remove(stream.id);
                stream.cancel();
            }
        }
    }

    int size() {
        return streams.size();
    }

    private Stream stream(@Nullable String id) throws RpcError {
        Stream stream = id == null ? null : streams.get(id);
        if (stream == null) {
            throw new RpcError(RpcError.UNKNOWN_CALL, "no stream of this host is open under that id");
        }
        return stream;
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** One stream: its buffer and, while the provider runs, its thread. */
    private static final class Stream implements CompletionSink {
        final String id;
        final String call;
        final StreamBuffer<StreamEvent> buffer = new StreamBuffer<>(StreamEvent::weight);
        private @Nullable Thread thread;
        private boolean cancelled;

        Stream(String id, String call) {
            this.id = id;
            this.call = call;
        }

        void run(Work work, LiveCalls.Span span) {
            synchronized (this) {
                if (cancelled) {
                    span.close();
                    return;
                }
                thread = Thread.currentThread();
            }
            RpcErrorInfo failure = null;
            try {
                work.run(this);
            } catch (CancellationException e) {
                failure = new RpcErrorInfo(RpcError.CLOSED, "cancelled", null, 0, 0);
            } catch (Throwable t) { // NOPMD: plugin code
                failure = RpcErrorInfo.of(HostHandler.failure(t));
            } finally {
                span.close();
                synchronized (this) {
                    thread = null;
                }
                Thread.interrupted(); // a late cancel's interrupt stays with this stream
            }
            buffer.end(failure);
        }

        /** The core gave up: the provider's sink throws, and its thread is interrupted out of I/O. */
        void cancel() {
            buffer.cancel();
            synchronized (this) {
                cancelled = true;
                if (thread != null) {
                    thread.interrupt();
                }
            }
        }

        private void put(StreamEvent event) {
            try {
                buffer.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("the core gave up on the call");
            }
        }

        @Override
        public void text(String delta) {
            put(StreamEvent.text(delta));
        }

        @Override
        public void toolCallStart(int index, String id, String name) {
            put(StreamEvent.toolStart(index, id, name));
        }

        @Override
        public void toolCallArguments(int index, String fragment) {
            put(StreamEvent.toolArguments(index, fragment));
        }

        @Override
        public void toolCall(int index, ModelProvider.ToolCall call) {
            put(StreamEvent.toolCall(index, call));
        }

        @Override
        public void usage(ModelProvider.Usage usage) {
            put(StreamEvent.usage(usage));
        }

        @Override
        public void finish(String reason) {
            put(StreamEvent.finish(reason));
        }
    }
}
