package io.portcullis.hosts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.host.wire.ChannelDeliverParams;
import io.portcullis.host.wire.ChannelReceiveParams;
import io.portcullis.host.wire.CredentialAnswer;
import io.portcullis.host.wire.CredentialParams;
import io.portcullis.host.wire.EgressSendParams;
import io.portcullis.host.wire.EgressStreamOpened;
import io.portcullis.host.wire.EgressStreamParams;
import io.portcullis.host.wire.HostFailed;
import io.portcullis.host.wire.HostReady;
import io.portcullis.host.wire.LineBatch;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.ModelCompleteParams;
import io.portcullis.host.wire.Pong;
import io.portcullis.host.wire.RiskResult;
import io.portcullis.host.wire.RpcEndpoint;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.ServiceInfo;
import io.portcullis.host.wire.StreamNext;
import io.portcullis.host.wire.StreamOpened;
import io.portcullis.host.wire.ToolInvokeParams;
import io.portcullis.host.wire.Wire;
import io.portcullis.spi.Channel;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A plugin host for the supervisor's tests, run as a real child process: {@code FakeHost <mode> <jar>
 * <pluginId> <scopes> [tool name]}. Modes: {@code good} (offers a tool that echoes, and a tool that sends
 * through the core's egress and tries a call id not its own), {@code hang} (ready, then answers nothing),
 * {@code garbage} (ready, then floods stdout with garbage), {@code die} (halts in the middle of a call),
 * {@code stderr} (floods stderr before it is ready), {@code fail} (reports the plugin failed),
 * {@code silent} (never ready), {@code grow} (ready, then fills its memory), {@code changes} (ready, then offers only its echo tool).
 */
public final class FakeHost {

    static final String ECHO = "fake.echo";
    static final String EGRESS = "fake.egress";

    /** The id of the previous call of the egress tool: once that call ended, the core must not honour it. */
    private static final AtomicReference<String> LAST_CALL = new AtomicReference<>();

    private FakeHost() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String plugin = args[2];
        String toolName = args.length > 4 ? args[4] : ECHO;
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        AtomicReference<RpcEndpoint> self = new AtomicReference<>();
        CountDownLatch end = new CountDownLatch(1);
        RpcEndpoint endpoint = new RpcEndpoint(
                "fake",
                new FileInputStream(FileDescriptor.in),
                out,
                handler(mode, self),
                Executors.newCachedThreadPool(),
                violation -> end.countDown());
        self.set(endpoint);
        switch (mode) {
            case "fail" -> {
                endpoint.start();
                endpoint.notify(Methods.HOST_FAILED, new HostFailed("bundle did not resolve: missing package x"));
                Thread.sleep(100);
                System.exit(3);
            }
            case "silent" -> {
                endpoint.start();
                end.await();
                return;
            }
            case "stderr" -> {
                for (int i = 0; i < 100_000; i++) {
                    System.err.println("flood line " + i + " with api_key=sk-live-0123456789abcdef0123456789");
                }
            }
            case "hang" -> {
                out.write(frame(Methods.HOST_READY, ready(plugin, toolName)));
                out.flush();
                Thread.sleep(Long.MAX_VALUE); // never reads, never answers
            }
            case "garbage" -> {
                out.write(frame(Methods.HOST_READY, ready(plugin, toolName)));
                out.flush();
                Thread.sleep(300);
                byte[] garbage = "this is not json at all\n".getBytes(StandardCharsets.UTF_8);
                while (true) {
                    out.write(garbage);
                }
            }
            default -> {}
        }
        endpoint.start();
        endpoint.notify(Methods.HOST_READY, ready(plugin, toolName));
        if (mode.equals("changes")) {
            Thread.sleep(300);
            endpoint.notify(
                    Methods.HOST_SERVICES,
                    new HostReady(plugin, List.of(new ServiceInfo(1, ServiceInfo.TOOL, descriptor(toolName)))));
        }
        if (mode.equals("grow")) {
            List<byte[]> kept = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                byte[] block = new byte[1024 * 1024];
                java.util.Arrays.fill(block, (byte) 1);
                kept.add(block);
                Thread.sleep(5);
            }
            System.err.println("kept " + kept.size() + " MiB");
        }
        end.await();
        System.exit(0);
    }

    private static HostReady ready(String plugin, String toolName) {
        return new HostReady(
                plugin,
                List.of(
                        new ServiceInfo(1, ServiceInfo.TOOL, descriptor(toolName)),
                        new ServiceInfo(2, ServiceInfo.TOOL, descriptor(EGRESS + "." + plugin.replace('-', '_'))),
                        new ServiceInfo(
                                3,
                                ServiceInfo.TOOL,
                                Wire.mapper().createObjectNode().put("name", "Bad Name")),
                        new ServiceInfo(
                                4,
                                ServiceInfo.MODEL_PROVIDER,
                                Wire.mapper()
                                        .valueToTree(
                                                new ModelProvider.Descriptor("model.fake", "1.0", List.of("fake-1")))),
                        new ServiceInfo(
                                5,
                                ServiceInfo.CHANNEL,
                                Wire.mapper()
                                        .valueToTree(
                                                new Channel.Descriptor("channel.fake", "1.0", "A fake channel.")))));
    }

    private static JsonNode descriptor(String name) {
        return Wire.mapper().valueToTree(new ToolDescriptor(name, "1.0", "A fake tool.", "{}", Risk.READ));
    }

    private static byte[] frame(String method, Object params) throws Exception {
        return (Wire.mapper()
                                .writeValueAsString(Wire.mapper()
                                        .createObjectNode()
                                        .put("jsonrpc", "2.0")
                                        .put("method", method)
                                        .set("params", Wire.mapper().valueToTree(params)))
                        + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RpcEndpoint.Handler handler(String mode, AtomicReference<RpcEndpoint> self) {
        return new RpcEndpoint.Handler() {
            @Override
            public @Nullable Object request(String method, JsonNode params) throws RpcError {
                return switch (method) {
                    case Methods.HOST_PING -> new Pong(Runtime.getRuntime().totalMemory(), Thread.activeCount());
                    case Methods.TOOL_RISK -> new RiskResult(Risk.WRITE);
                    case Methods.TOOL_INVOKE -> invoke(mode, self.get(), Wire.params(params, ToolInvokeParams.class));
                    case Methods.MODEL_COMPLETE -> {
                        ModelCompleteParams call = Wire.params(params, ModelCompleteParams.class);
                        if (call.request().maxTokens() == 0) {
                            throw new RpcError(RpcError.MODEL, "no tokens to spend");
                        }
                        yield new ModelProvider.Completion(
                                new ModelProvider.Message(
                                        "assistant",
                                        "re: "
                                                + call.request()
                                                        .messages()
                                                        .get(0)
                                                        .content()),
                                List.of(),
                                new ModelProvider.Usage(3, 2));
                    }
                    case Methods.MODEL_STREAM -> {
                        if (mode.equals("die")) {
                            yield new StreamOpened("s-1");
                        }
                        throw new RpcError(RpcError.METHOD_NOT_FOUND, method);
                    }
                    case Methods.STREAM_NEXT -> {
                        Runtime.getRuntime().halt(137); // a host that dies in the middle of a stream
                        yield null;
                    }
                    case Methods.CHANNEL_RECEIVE -> {
                        ChannelReceiveParams call = Wire.params(params, ChannelReceiveParams.class);
                        String text = new String(call.webhook().body(), StandardCharsets.UTF_8);
                        yield new Channel.Inbound(200, "ok", List.of(new Channel.Message("conv-1", "sender-1", text)));
                    }
                    case Methods.CHANNEL_DELIVER -> {
                        ChannelDeliverParams call = Wire.params(params, ChannelDeliverParams.class);
                        if (call.message().text().isEmpty()) {
                            throw new RpcError(RpcError.CHANNEL, "nothing to deliver");
                        }
                        yield null;
                    }
                    default -> throw new RpcError(RpcError.METHOD_NOT_FOUND, method);
                };
            }

            @Override
            public void notification(String method, JsonNode params) {}
        };
    }

    /** The id of an egress stream of the previous "streams" call: once that call ended, it is dead. */
    private static final AtomicReference<String> LAST_STREAM = new AtomicReference<>();

    /**
     * Egress streams of one call: five opened (the fifth over the limit), one read to its end, an
     * unknown id and the previous call's stream tried.
     */
    private static Object streams(RpcEndpoint core, ToolInvokeParams params) throws RpcError {
        Instant deadline = Instant.ofEpochMilli(params.deadline());
        try {
            List<String> opened = new java.util.ArrayList<>();
            String fifth = "opened";
            for (int i = 0; i < 5; i++) {
                try {
                    opened.add(core
                            .call(
                                    Methods.EGRESS_STREAM,
                                    new EgressStreamParams(
                                            params.call(), EgressRequest.get(URI.create("https://example.org/" + i))),
                                    EgressStreamOpened.class,
                                    deadline)
                            .stream());
                } catch (RpcError e) {
                    fifth = "error " + e.code();
                }
            }
            List<String> lines = new java.util.ArrayList<>();
            LineBatch batch;
            do {
                batch = core.call(
                        Methods.EGRESS_NEXT, new StreamNext(opened.get(0), 60_000), LineBatch.class, deadline);
                lines.addAll(batch.lines());
            } while (!batch.end());
            String unknown = next(core, "no-such-stream", deadline);
            String previous = LAST_STREAM.getAndSet(opened.get(1));
            String stale = previous == null ? "none" : next(core, previous, deadline);
            return ToolResult.text(opened.size() + " opened, fifth " + fifth + "; lines " + lines + "; unknown "
                    + unknown + "; previous " + stale);
        } catch (InterruptedException e) {
            throw new RpcError(RpcError.INTERNAL, "interrupted");
        }
    }

    private static String next(RpcEndpoint core, String stream, Instant deadline) throws InterruptedException {
        try {
            core.call(Methods.EGRESS_NEXT, new StreamNext(stream, 0), LineBatch.class, deadline);
            return "answered";
        } catch (RpcError e) {
            return "error " + e.code();
        }
    }

    /** 100 egress requests at once for one call: how many the core took, how many it refused busy. */
    private static Object flood(RpcEndpoint core, ToolInvokeParams params) {
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Thread thread = new Thread(() -> {
                try {
                    core.call(
                            Methods.EGRESS_SEND,
                            new EgressSendParams(params.call(), EgressRequest.get(URI.create("https://example.org/"))),
                            EgressResponse.class,
                            Instant.ofEpochMilli(params.deadline()));
                    sent.incrementAndGet();
                } catch (RpcError e) {
                    busy.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ToolResult.text(sent.get() + " sent, " + busy.get() + " refused");
    }

    private static Object invoke(String mode, RpcEndpoint core, ToolInvokeParams params) throws RpcError {
        if (mode.equals("die")) {
            Runtime.getRuntime().halt(137);
        }
        Object message = params.arguments().get("message");
        if ("fail".equals(message)) {
            throw new RpcError(RpcError.TOOL, "the tool says no");
        }
        if ("flood".equals(message)) {
            return flood(core, params);
        }
        if ("streams".equals(message)) {
            return streams(core, params);
        }
        if (params.handle() != 2) {
            return ToolResult.text("echo " + message + " in " + params.workspaceId());
        }
        Instant deadline = Instant.ofEpochMilli(params.deadline());
        try {
            EgressResponse response = core.call(
                    Methods.EGRESS_SEND,
                    new EgressSendParams(params.call(), EgressRequest.get(URI.create("https://example.org/"))),
                    EgressResponse.class,
                    deadline);
            String foreign;
            try {
                core.call(
                        Methods.CREDENTIAL_GET,
                        new CredentialParams("not-" + params.call(), "cred-1"),
                        CredentialAnswer.class,
                        deadline);
                foreign = "answered";
            } catch (RpcError e) {
                foreign = "error " + e.code();
            }
            String stale = "none";
            String previous = LAST_CALL.getAndSet(params.call());
            if (previous != null) {
                try {
                    core.call(
                            Methods.CREDENTIAL_GET,
                            new CredentialParams(previous, "cred-1"),
                            CredentialAnswer.class,
                            deadline);
                    stale = "answered";
                } catch (RpcError e) {
                    stale = "error " + e.code();
                }
            }
            CredentialAnswer own = core.call(
                    Methods.CREDENTIAL_GET,
                    new CredentialParams(params.call(), "cred-1"),
                    CredentialAnswer.class,
                    deadline);
            return ToolResult.text("status " + response.status() + " body "
                    + new String(response.body(), StandardCharsets.UTF_8) + "; own credential " + own.bound()
                    + "; foreign call " + foreign + "; previous call " + stale);
        } catch (InterruptedException e) {
            throw new RpcError(RpcError.INTERNAL, "interrupted");
        }
    }
}
