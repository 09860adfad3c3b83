package io.portcullis.host.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a JSON-RPC 2.0 link over a pair of byte streams, one compact UTF-8 JSON object per line.
 *
 * <p>A reader thread parses frames; requests run on the given executor (never the reader thread, so
 * a handler may itself call the peer and wait), notifications run on it too, one at a time and in
 * order of arrival. Calls may be made from many threads at once: answers are matched by id, writes
 * are serialised. A frame longer than the cap, one that is not JSON, or a JSON value that is not a
 * JSON-RPC 2.0 object is a protocol violation: reading stops, pending calls fail with {@link
 * RpcError#CLOSED}, and {@link Closed} is told what was wrong. Thread-safe.
 */
public final class RpcEndpoint implements AutoCloseable {

    /** The longest frame either end accepts, without its newline. */
    public static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;

    /** Notifications waiting for the executor beyond this many are a violation (a flooding peer). */
    static final int MAX_QUEUED_NOTIFICATIONS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(RpcEndpoint.class);

    /** What a peer may ask of this end. */
    public interface Handler {
        /** Answers a request; runs on the executor; throw RpcError to answer an error. */
        @Nullable Object request(String method, JsonNode params) throws RpcError;

        /** Takes a notification; runs on the executor, one at a time, in order of arrival. */
        void notification(String method, JsonNode params);
    }

    /** Told once when the link ends: violation == null for EOF/close, else what was wrong. */
    public interface Closed {
        void closed(@Nullable String violation);
    }

    private final ObjectMapper mapper = Wire.mapper();
    private final String name;
    private final InputStream in;
    private final OutputStream out;
    private final Handler handler;
    private final Executor executor;
    private final Closed closed;
    private final int maxFrameBytes;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final NotificationQueue notifications;

    public RpcEndpoint(
            String name, InputStream in, OutputStream out, Handler handler, Executor executor, Closed closed) {
        this(name, in, out, handler, executor, closed, MAX_FRAME_BYTES);
    }

    RpcEndpoint(
            String name,
            InputStream in,
            OutputStream out,
            Handler handler,
            Executor executor,
            Closed closed,
            int maxFrameBytes) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.handler = handler;
        this.executor = executor;
        this.closed = closed;
        this.maxFrameBytes = maxFrameBytes;
        this.notifications = new NotificationQueue(name, executor, MAX_QUEUED_NOTIFICATIONS);
    }

    /** Starts the reader thread (a daemon named after the endpoint). */
    public void start() {
        Thread reader = new Thread(this::read, name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Calls {@code method} and waits for its answer until {@code deadline}. A write the peer does not
     * read can block past the deadline; the peer's supervisor owns that case.
     *
     * @return the result, {@link NullNode} for null
     * @throws RpcError the peer's error, {@link RpcError#TIMEOUT} at the deadline, {@link
     *     RpcError#CLOSED} when the link ends first, {@link RpcError#INVALID_PARAMS} when the params
     *     cannot be serialised or make a frame over the cap
     */
    public JsonNode call(String method, @Nullable Object params, Instant deadline)
            throws RpcError, InterruptedException {
        long id = ids.incrementAndGet();
        ObjectNode frame = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", id);
        frame.put("method", method).putPOJO("params", params);
        byte[] bytes;
        try {
            bytes = encode(frame);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new RpcError(
                    RpcError.INVALID_PARAMS,
                    "params of " + method + " cannot be sent: " + e.getClass().getSimpleName());
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            if (ended.get()) {
                throw closedError();
            }
            long wait = Duration.between(Instant.now(), deadline).toNanos();
            if (wait <= 0) {
                throw timeout(method);
            }
            try {
                write(bytes);
            } catch (IOException e) {
                end(null);
                throw closedError();
            }
            return answer.get(Duration.between(Instant.now(), deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timeout(method);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RpcError error) {
                throw new RpcError(error.code(), error.getMessage(), error.data());
            }
            throw new RpcError(
                    RpcError.INTERNAL, "call failed: " + e.getCause().getClass().getName());
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Calls {@code method} and reads its result as {@code type}; {@link Void} for a method answering
     * null.
     *
     * @throws RpcError as {@link #call(String, Object, Instant)}, and {@link RpcError#INTERNAL} when the
     *     result does not fit {@code type}
     */
    @SuppressWarnings("NullAway")
    public <T> T call(String method, @Nullable Object params, Class<T> type, Instant deadline)
            throws RpcError, InterruptedException {
        JsonNode result = call(method, params, deadline);
        if (type == Void.class) {
            return null;
        }
        try {
            T value = mapper.treeToValue(result, type);
            if (value == null) {
                throw new RpcError(RpcError.INTERNAL, "empty result of " + method);
            }
            return value;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new RpcError(RpcError.INTERNAL, "result of " + method + " does not fit " + type.getSimpleName());
        }
    }

    /**
     * Sends a notification; blocks no longer than the write. Silently dropped when the link has ended.
     *
     * @throws IllegalArgumentException when the params cannot be serialised or make a frame over the cap
     */
    public void notify(String method, @Nullable Object params) {
        ObjectNode frame = mapper.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        frame.putPOJO("params", params);
        byte[] bytes;
        try {
            bytes = encode(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params of " + method + " cannot be serialised", e);
        }
        if (ended.get()) {
            return;
        }
        try {
            write(bytes);
        } catch (IOException e) {
            end(null);
        }
    }

    /** Whether the link has ended (EOF, close or violation). */
    public boolean isClosed() {
        return ended.get();
    }

    /** Ends the link: fails pending calls with {@link RpcError#CLOSED} and closes both streams. */
    @Override
    public void close() {
        end(null);
    }

    private void read() {
        FrameReader frames = new FrameReader(in, maxFrameBytes);
        String violation = null;
        try {
            while (!ended.get() && violation == null) {
                int len = frames.next();
                if (len < 0) {
                    break;
                }
                if (len > 0) {
                    violation = dispatch(frames.buffer(), len);
                }
            }
        } catch (FrameReader.TooLarge e) {
            violation = e.getMessage();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Link '{}' read failed: {}", name, e.getClass().getName());
        }
        if (violation != null && !ended.get()) {
            LOG.warn("Link '{}' protocol violation: {}", name, violation);
        }
        end(violation);
    }

    /** Handles one frame; returns the violation it is, or null. */
    private @Nullable String dispatch(byte[] buffer, int len) {
        JsonNode node;
        try {
            node = mapper.readTree(buffer, 0, len);
        } catch (IOException e) {
            return "frame is not JSON";
        }
        if (node == null
                || !node.isObject()
                || !"2.0".equals(node.path("jsonrpc").textValue())) {
            return "frame is not a JSON-RPC 2.0 object";
        }
        JsonNode method = node.get("method");
        JsonNode id = node.get("id");
        if (method != null) {
            if (!method.isTextual()) {
                return "method is not a string";
            }
            JsonNode params = node.has("params") ? node.get("params") : NullNode.getInstance();
            if (id == null) {
                return enqueueNotification(method.textValue(), params);
            }
            if (!id.isIntegralNumber() && !id.isTextual()) {
                return "request id is neither a number nor a string";
            }
            dispatchRequest(id, method.textValue(), params);
            return null;
        }
        if (id != null && (node.has("result") || node.has("error"))) {
            answer(id, node);
            return null;
        }
        return "frame is neither a request, a notification nor a response";
    }

    private void answer(JsonNode id, JsonNode node) {
        CompletableFuture<JsonNode> call = id.canConvertToLong() ? pending.remove(id.asLong()) : null;
        JsonNode error = node.get("error");
        if (call == null) {
            if (error != null) {
                LOG.debug(
                        "Link '{}': error for no pending call: {}",
                        name,
                        error.path("code").asInt());
            }
            return; // a late answer to a call that timed out
        }
        if (error != null) {
            JsonNode data = error.get("data");
            call.completeExceptionally(new RpcError(
                    error.path("code").asInt(RpcError.INTERNAL),
                    error.path("message").asText("error"),
                    data == null || data.isNull() ? null : data));
        } else {
            call.complete(node.get("result"));
        }
    }

    private void dispatchRequest(JsonNode id, String method, JsonNode params) {
        try {
            executor.execute(() -> respond(id, method, params));
        } catch (RejectedExecutionException e) {
            sendError(id, new RpcError(RpcError.INTERNAL, "busy"));
        }
    }

    private void respond(JsonNode id, String method, JsonNode params) {
        Object result;
        try {
            result = handler.request(method, params);
        } catch (RpcError e) {
            sendError(id, e);
            return;
        } catch (Throwable t) { // NOPMD: a handler never takes the link down
            LOG.warn(
                    "Link '{}': handler of '{}' failed: {}",
                    name,
                    method,
                    t.getClass().getName());
            sendError(id, new RpcError(RpcError.INTERNAL, t.getClass().getName()));
            return;
        }
        ObjectNode frame = mapper.createObjectNode().put("jsonrpc", "2.0").set("id", id);
        frame.putPOJO("result", result);
        byte[] bytes;
        try {
            bytes = encode(frame);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            sendError(
                    id,
                    new RpcError(
                            RpcError.INTERNAL,
                            "result of " + method + " cannot be sent: "
                                    + e.getClass().getSimpleName()));
            return;
        }
        writeOrEnd(bytes);
    }

    private void sendError(JsonNode id, RpcError error) {
        ObjectNode frame = mapper.createObjectNode().put("jsonrpc", "2.0").set("id", id);
        ObjectNode body = frame.putObject("error").put("code", error.code());
        body.put("message", String.valueOf(error.getMessage()));
        if (error.data() != null) {
            body.set("data", error.data());
        }
        try {
            writeOrEnd(encode(frame));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn(
                    "Link '{}': error answer cannot be sent: {}",
                    name,
                    e.getClass().getName());
        }
    }

    private @Nullable String enqueueNotification(String method, JsonNode params) {
        if (!notifications.add(() -> handler.notification(method, params))) {
            return "more than " + MAX_QUEUED_NOTIFICATIONS + " notifications queued";
        }
        return null;
    }

    private byte[] encode(ObjectNode frame) throws JsonProcessingException {
        byte[] bytes = mapper.writeValueAsBytes(frame);
        if (bytes.length > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + bytes.length + " bytes is over the cap");
        }
        return bytes;
    }

    private void writeOrEnd(byte[] bytes) {
        try {
            write(bytes);
        } catch (IOException e) {
            end(null);
        }
    }

    private void write(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.write('\n');
            out.flush();
        }
    }

    private void end(@Nullable String violation) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        for (CompletableFuture<JsonNode> call : pending.values()) {
            call.completeExceptionally(closedError());
        }
        closeQuietly(in);
        closeQuietly(out);
        try {
            closed.closed(violation);
        } catch (RuntimeException e) {
            LOG.warn("Link '{}': close listener failed: {}", name, e.getClass().getName());
        }
    }

    private RpcError closedError() {
        return new RpcError(RpcError.CLOSED, "link '" + name + "' closed");
    }

    private static RpcError timeout(String method) {
        return new RpcError(RpcError.TIMEOUT, "no answer to " + method + " before the deadline");
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception e) { // NOPMD: closing an ended link
            // nothing to do
        }
    }
}
