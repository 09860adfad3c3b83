package io.portcullis.hosts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.host.wire.CallCancel;
import io.portcullis.host.wire.CredentialAnswer;
import io.portcullis.host.wire.CredentialParams;
import io.portcullis.host.wire.EgressSendParams;
import io.portcullis.host.wire.EgressStreamParams;
import io.portcullis.host.wire.HostFailed;
import io.portcullis.host.wire.HostReady;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.RpcEndpoint;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.StreamClose;
import io.portcullis.host.wire.StreamNext;
import io.portcullis.host.wire.Wire;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.EgressException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running host process and the RPC link over its standard streams. Calls into the plugin go out
 * through {@link #call}; the host's requests during a call ({@code egress.send}, {@code credential.get})
 * are answered here through the {@link CallContext} of that call, found by its call id among the calls
 * live on THIS link only ({@code UNKNOWN_CALL} for any other id). At most {@value #MAX_CALLBACKS}
 * callbacks run at once and {@value #MAX_WAITING} wait; more are answered busy. Egress streams ({@code
 * egress.stream}, {@code egress.next}, {@code egress.close}) run on their own pump threads ({@link
 * EgressStreams}); a pull holds a callback thread at most {@value StreamNext#MAX_WAIT_MILLIS} ms.
 */
final class HostLink implements RpcEndpoint.Handler {

    static final int MAX_CALLBACKS = 8;
    static final int MAX_WAITING = 64;
    static final int MAX_REASON_CHARS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(HostLink.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the supervisor hears from the link. */
    interface Listener {
        void ready(HostLink link, HostReady ready);

        void services(HostLink link, HostReady services);

        void failed(HostLink link, String reason);

        /** The link ended; {@code violation} is null for an end of stream. */
        void closed(HostLink link, @Nullable String violation);
    }

    private final String pluginId;
    private final Process process;
    private final ThreadPoolExecutor callbacks;
    private final RpcEndpoint endpoint;
    private final Map<String, CallContext> calls = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable String> killReason = new AtomicReference<>();
    private final Listener listener;
    private final EgressStreams streams;
    private volatile long javaPid;

    HostLink(String pluginId, Process process, Listener listener) {
        this.pluginId = pluginId;
        this.process = process;
        this.listener = listener;
        this.streams = new EgressStreams(pluginId);
        AtomicInteger threads = new AtomicInteger();
        this.callbacks = new ThreadPoolExecutor(
                MAX_CALLBACKS, MAX_CALLBACKS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_WAITING), task -> {
                    Thread t = new Thread(task, "plugin-host-" + pluginId + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        callbacks.allowCoreThreadTimeOut(true);
        this.endpoint = new RpcEndpoint(
                "plugin-host-" + pluginId,
                process.getInputStream(),
                process.getOutputStream(),
                this,
                callbacks,
                violation -> {
                    streams.closeAll();
                    listener.closed(this, violation);
                });
    }

    void start() {
        endpoint.start();
    }

    String pluginId() {
        return pluginId;
    }

    Process process() {
        return process;
    }

    /** The host's own pid: its {@code java} process (inside bwrap's tree, once forked), else the launched one. */
    long pid() {
        long known = javaPid;
        if (known == 0) {
            long found = ProcessTree.javaPid(process.toHandle());
            if (found != process.pid()
                    || process.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
                javaPid = found;
            }
            return found;
        }
        return known;
    }

    /** Why the supervisor killed it, or null if it did not. */
    @Nullable String killReason() {
        return killReason.get();
    }

    <T> T call(String method, Object params, Class<T> type, Instant deadline) throws RpcError, InterruptedException {
        return endpoint.call(method, params, type, deadline);
    }

    /** Registers a call in flight; its id is what the host names in its callbacks. */
    String open(CallContext context) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        calls.put(id, context);
        return id;
    }

    void close(String callId) {
        calls.remove(callId);
        streams.closeCall(callId);
    }

    /** How many egress streams of the host are open in the core. */
    int egressStreams() {
        return streams.size();
    }

    /** Tells the host the core gave up on a call. */
    void cancel(String callId) {
        calls.remove(callId);
        streams.closeCall(callId);
        if (!endpoint.isClosed()) {
            endpoint.notify(Methods.CALL_CANCEL, new CallCancel(callId));
        }
    }

    /** Closes the host's stdin (it exits at end of input) and fails the calls in flight. */
    void closeInput() {
        endpoint.close();
    }

    /** Kills the whole process tree at once; the first reason given is the one kept. */
    void kill(String reason) {
        killReason.compareAndSet(null, reason);
        endpoint.close();
        ProcessTree.kill(process.toHandle());
    }

    /** After the process ended: no thread of this link is left. */
    void release() {
        endpoint.close();
        callbacks.shutdownNow();
        calls.clear();
        streams.closeAll();
    }

    @Override
    public @Nullable Object request(String method, JsonNode params) throws RpcError {
        return switch (method) {
            case Methods.EGRESS_SEND -> egress(Wire.params(params, EgressSendParams.class));
            case Methods.CREDENTIAL_GET -> credential(Wire.params(params, CredentialParams.class));
            case Methods.EGRESS_STREAM -> {
                EgressStreamParams open = Wire.params(params, EgressStreamParams.class);
                yield streams.open(open.call(), live(open.call()), open.request(), calls::containsKey);
            }
            case Methods.EGRESS_NEXT -> streams.next(Wire.params(params, StreamNext.class), calls::containsKey);
            case Methods.EGRESS_CLOSE -> {
                streams.close(Wire.params(params, StreamClose.class).stream(), calls::containsKey);
                yield null;
            }
            default -> throw new RpcError(RpcError.METHOD_NOT_FOUND, "the core answers no '" + clip(method) + "'");
        };
    }

    @Override
    public void notification(String method, JsonNode params) {
        try {
            switch (method) {
                case Methods.HOST_READY -> listener.ready(this, Wire.params(params, HostReady.class));
                case Methods.HOST_SERVICES -> listener.services(this, Wire.params(params, HostReady.class));
                case Methods.HOST_FAILED ->
                    listener.failed(
                            this, clip(Wire.params(params, HostFailed.class).reason()));
                default -> LOG.debug("Plugin host '{}' sent an unknown notification", pluginId);
            }
        } catch (RpcError e) {
            kill("protocol-violation: " + clip(method) + " with invalid params");
        }
    }

    private Object egress(EgressSendParams params) throws RpcError {
        CallContext context = live(params.call());
        try {
            return context.egress().send(params.request());
        } catch (EgressException e) {
            throw new RpcError(
                    RpcError.EGRESS,
                    e.getMessage() == null ? "refused" : e.getMessage(),
                    Wire.mapper().createObjectNode().put("reason", e.reason().name()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Egress for plugin host '{}' failed in the core ({})",
                    pluginId,
                    e.getClass().getName());
            throw new RpcError(RpcError.INTERNAL, "the core could not send the request");
        }
    }

    private Object credential(CredentialParams params) throws RpcError {
        CallContext context = live(params.call());
        try {
            return new CredentialAnswer(
                    context.credential(params.credentialId()).isPresent());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Credential lookup for plugin host '{}' failed in the core ({})",
                    pluginId,
                    e.getClass().getName());
            throw new RpcError(RpcError.INTERNAL, "the core could not look up the credential");
        }
    }

    private CallContext live(@Nullable String callId) throws RpcError {
        CallContext context = callId == null ? null : calls.get(callId);
        if (context == null) {
            throw new RpcError(RpcError.UNKNOWN_CALL, "no call of this host is live under that id");
        }
        return context;
    }

    /** Text from the host, made safe to keep: one line, bounded. */
    static String clip(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > MAX_REASON_CHARS ? line.substring(0, MAX_REASON_CHARS) + "..." : line;
    }
}
