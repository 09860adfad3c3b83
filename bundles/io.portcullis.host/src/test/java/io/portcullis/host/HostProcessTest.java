package io.portcullis.host;

import static io.portcullis.host.HostProcess.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.host.wire.CallCancel;
import io.portcullis.host.wire.ChannelDeliverParams;
import io.portcullis.host.wire.ChannelReceiveParams;
import io.portcullis.host.wire.EgressSendParams;
import io.portcullis.host.wire.HostFailed;
import io.portcullis.host.wire.HostReady;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.ModelCompleteParams;
import io.portcullis.host.wire.Ping;
import io.portcullis.host.wire.Pong;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.RpcErrorInfo;
import io.portcullis.host.wire.ServiceInfo;
import io.portcullis.host.wire.StreamBatch;
import io.portcullis.host.wire.StreamEvent;
import io.portcullis.host.wire.StreamNext;
import io.portcullis.host.wire.StreamOpened;
import io.portcullis.host.wire.ToolInvokeParams;
import io.portcullis.spi.Channel;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ToolResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts real plugin host JVMs (as the core does) with a test plugin and talks the protocol to them:
 * in a plain process, then in bubblewrap when it is installed.
 */
class HostProcessTest {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static HostLayout layout;
    private static Path plugin;

    @BeforeAll
    static void build() throws IOException {
        layout = HostLayout.create(work);
        plugin = TestPluginJar.write(work.resolve("plugin/test.probe.jar"));
    }

    @Test
    void aHostAnnouncesTheToolServesCallsAndCallsBackForEgress() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false)) {
            long handle = ready(host);

            assertThat(invoke(host, handle, args("action", "echo", "text", "hi"))
                            .content())
                    .isEqualTo("ws-1:hi");
            assertThat(invoke(host, handle, args("action", "egress", "url", "https://example.test/a"))
                            .content())
                    .isEqualTo("answer for https://example.test/a");
            EgressSendParams egress = host.egressCalls.poll(1, TimeUnit.SECONDS);
            assertThat(egress.call()).isEqualTo(lastCall);
            assertThat(egress.request().uri().toString()).isEqualTo("https://example.test/a");
            assertThat(invoke(host, handle, args("action", "credential", "id", "bound"))
                            .content())
                    .isEqualTo("true");
            assertThat(invoke(host, handle, args("action", "credential", "id", "other"))
                            .content())
                    .isEqualTo("false");
            assertThat(host.endpoint
                            .call(Methods.HOST_PING, new Ping(), Pong.class, deadline())
                            .threads())
                    .isPositive();
        }
    }

    @Test
    void pluginExceptionsCrossAsToolErrorsOrAsAClassNameOnly() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false)) {
            long handle = ready(host);

            assertThatThrownBy(() -> invoke(host, handle, args("action", "fail")))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(RpcError.TOOL);
                        assertThat(e.getMessage()).isEqualTo("bad input");
                    });
            assertThatThrownBy(() -> invoke(host, handle, args("action", "crash")))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(RpcError.PLUGIN_FAILED);
                        assertThat(e.getMessage()).isEqualTo(IllegalStateException.class.getName());
                    });
            assertThat(host.log()).doesNotContain("s3cr3t");
            assertThatThrownBy(() -> host.endpoint.call(
                            Methods.TOOL_INVOKE,
                            new ToolInvokeParams(handle + 1000, "c", "w", farDeadline(), "r", Map.of()),
                            deadline()))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS));
        }
    }

    @Test
    void theHostExitsWhenItsStdinEnds() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false)) {
            ready(host);

            host.process.getOutputStream().close();

            assertThat(host.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(host.process.exitValue()).isZero();
            assertThat(host.closed.poll(10, TimeUnit.SECONDS)).isEqualTo("EOF");
        }
    }

    @Test
    void whatThePluginPrintsGoesToTheLogNotIntoTheProtocol() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false)) {
            long handle = ready(host);

            assertThat(invoke(host, handle, args("action", "print")).content()).isEqualTo("printed");

            assertThat(host.endpoint.call(Methods.HOST_PING, new Ping(), Pong.class, deadline()))
                    .isNotNull();
            assertThat(host.announcements).isEmpty();
            assertThat(host.endpoint.isClosed()).isFalse();
            assertThat(host.log()).contains("printed by the plugin");
        }
    }

    @Test
    void aProtocolViolationFromTheCoreEndsTheHost() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false)) {
            ready(host);

            host.process.getOutputStream().write("not json\n".getBytes(StandardCharsets.UTF_8));
            host.process.getOutputStream().flush();

            assertThat(host.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(host.process.exitValue()).isEqualTo(3);
            assertThat(host.log()).contains("protocol violation from the core");
        }
    }

    @Test
    void aPluginWithoutItsScopeDoesNotStartAndTheHostSaysWhy() throws Exception {
        try (HostProcess host = start("", false)) {
            Object first = host.nextAnnouncement(START);

            assertThat(first).as(host.log()).isInstanceOf(HostFailed.class);
            assertThat(((HostFailed) first).reason())
                    .contains("io.portcullis.scope")
                    .contains("net.egress");
            assertThat(host.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(host.process.exitValue()).isEqualTo(1);
        }
    }

    @Test
    void outsideASandboxThePluginCanReachALoopbackListener() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false);
                ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long handle = ready(host);

            assertThat(invoke(host, handle, args("action", "connect", "port", listener.getLocalPort()))
                            .content())
                    .isEqualTo("connected");
        }
    }

    @Test
    void inBubblewrapThePluginWorksButCannotOpenASocket() throws Exception {
        assumeTrue(HostProcess.bwrapAvailable(), "bwrap is not installed");
        try (HostProcess host = start(TestPluginJar.SCOPE, true);
                ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long handle = ready(host);
            AtomicBoolean accepted = new AtomicBoolean();
            listener.setSoTimeout(1);

            assertThat(invoke(host, handle, args("action", "echo", "text", "boxed"))
                            .content())
                    .isEqualTo("ws-1:boxed");
            assertThat(invoke(host, handle, args("action", "egress", "url", "https://example.test/b"))
                            .content())
                    .isEqualTo("answer for https://example.test/b");
            assertThatThrownBy(() -> invoke(host, handle, args("action", "connect", "port", listener.getLocalPort())))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(RpcError.TOOL);
                        assertThat(e.getMessage()).startsWith("blocked: ");
                    });
            try {
                listener.accept().close();
                accepted.set(true);
            } catch (SocketTimeoutException e) {
                // nothing came in
            }
            assertThat(accepted).isFalse();

            host.process.getOutputStream().close();
            assertThat(host.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(host.process.exitValue()).isZero();
        }
    }

    @Test
    void modelAndChannelCallsCrossTheBoundaryToo() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false)) {
            Object first = host.nextAnnouncement(START);
            assertThat(first).as(host.log()).isInstanceOf(HostReady.class);
            HostReady ready = (HostReady) first;
            long model = handle(ready, ServiceInfo.MODEL_PROVIDER, "model.probe");
            long channel = handle(ready, ServiceInfo.CHANNEL, "channel.probe");

            ModelProvider.Completion completion = host.endpoint.call(
                    Methods.MODEL_COMPLETE,
                    new ModelCompleteParams(model, "m-1", "ws-1", farDeadline(), completion("hello")),
                    ModelProvider.Completion.class,
                    deadline());
            assertThat(completion.message().content()).isEqualTo("echo:hello");
            assertThatThrownBy(() -> host.endpoint.call(
                            Methods.MODEL_COMPLETE,
                            new ModelCompleteParams(model, "m-2", "ws-1", farDeadline(), completion("fail")),
                            deadline()))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(RpcError.MODEL);
                        assertThat(e.getMessage()).isEqualTo("model said no");
                    });

            String stream = host
                    .endpoint
                    .call(
                            Methods.MODEL_STREAM,
                            new ModelCompleteParams(model, "m-3", "ws-1", farDeadline(), completion("deltas")),
                            StreamOpened.class,
                            deadline())
                    .stream();
            List<StreamEvent> events = new ArrayList<>();
            StreamBatch batch;
            do {
                batch = host.endpoint.call(
                        Methods.STREAM_NEXT, new StreamNext(stream, 60_000), StreamBatch.class, deadline());
                events.addAll(batch.events());
            } while (!batch.end());
            assertThat(batch.error()).isNull();
            assertThat(events)
                    .extracting(StreamEvent::type)
                    .containsExactly(
                            "text",
                            "text",
                            "tool_start",
                            "tool_start",
                            "tool_args",
                            "tool_args",
                            "tool_args",
                            "tool_call",
                            "usage",
                            "finish");
            assertThat(events.get(6)).isEqualTo(StreamEvent.toolArguments(0, "\"x\"}"));
            for (String stale : List.of(stream, "no-such-stream")) { // ended, or never opened
                assertThatThrownBy(() -> host.endpoint.call(
                                Methods.STREAM_NEXT, new StreamNext(stale, 0), StreamBatch.class, deadline()))
                        .isInstanceOfSatisfying(
                                RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.UNKNOWN_CALL));
            }
            String failing = host
                    .endpoint
                    .call(
                            Methods.MODEL_STREAM,
                            new ModelCompleteParams(model, "m-4", "ws-1", farDeadline(), completion("fail")),
                            StreamOpened.class,
                            deadline())
                    .stream();
            StreamBatch last;
            do {
                last = host.endpoint.call(
                        Methods.STREAM_NEXT, new StreamNext(failing, 60_000), StreamBatch.class, deadline());
            } while (!last.end());
            assertThat(last.error()).isEqualTo(new RpcErrorInfo(RpcError.MODEL, "rate limited", null, 429, 17));

            Channel.Inbound inbound = host.endpoint.call(
                    Methods.CHANNEL_RECEIVE,
                    new ChannelReceiveParams(
                            channel,
                            "c-1",
                            "ws-1",
                            farDeadline(),
                            new Channel.WebhookCall(
                                    "POST",
                                    "/hooks/test.probe/in",
                                    Map.of(),
                                    "hi there".getBytes(StandardCharsets.UTF_8))),
                    Channel.Inbound.class,
                    deadline());
            assertThat(inbound.status()).isEqualTo(202);
            assertThat(inbound.messages()).containsExactly(new Channel.Message("conv-1", "sender-1", "hi there"));

            host.endpoint.call(
                    Methods.CHANNEL_DELIVER,
                    new ChannelDeliverParams(
                            channel, "c-2", "ws-1", farDeadline(), new Channel.Outbound("conv-9", "reply")),
                    Void.class,
                    deadline());
            EgressSendParams sent = host.egressCalls.poll(1, TimeUnit.SECONDS);
            assertThat(sent.call()).isEqualTo("c-2");
            assertThat(sent.request().method()).isEqualTo("POST");
            assertThat(new String(sent.request().body(), StandardCharsets.UTF_8))
                    .isEqualTo("reply");
            assertThatThrownBy(() -> host.endpoint.call(
                            Methods.CHANNEL_DELIVER,
                            new ChannelDeliverParams(
                                    channel, "c-3", "ws-1", farDeadline(), new Channel.Outbound("c", "fail")),
                            deadline()))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.CHANNEL));
        }
    }

    @Test
    void servicesThatChangeAfterReadyAreAnnouncedAgain() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false)) {
            long handle = ready(host);

            invoke(host, handle, args("action", "register"));
            Object added = host.nextAnnouncement(START);
            assertThat(added).isInstanceOf(HostReady.class);
            assertThat(((HostReady) added).services()).hasSize(4);
            long extra = handle((HostReady) added, ServiceInfo.TOOL, "test.extra");
            assertThat(invoke(host, extra, Map.of()).content()).isEqualTo("extra");

            invoke(host, handle, args("action", "unregister"));
            Object removed = host.nextAnnouncement(START);
            assertThat(((HostReady) removed).services())
                    .extracting(ServiceInfo::handle)
                    .doesNotContain(extra)
                    .hasSize(3);
            assertThatThrownBy(() -> invoke(host, extra, Map.of()))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS));
        }
    }

    @Test
    void callCancelInterruptsTheCallInThePlugin() throws Exception {
        try (HostProcess host = start(TestPluginJar.SCOPE, false)) {
            long handle = ready(host);
            CompletableFuture<Object> sleeping = CompletableFuture.supplyAsync(() -> {
                try {
                    return invoke(host, handle, args("action", "sleep"));
                } catch (RpcError e) {
                    return e;
                } catch (InterruptedException e) {
                    return e;
                }
            });
            EgressSendParams started = host.egressCalls.poll(60, TimeUnit.SECONDS); // the tool is in its sleep

            host.endpoint.notify(Methods.CALL_CANCEL, new CallCancel(started.call()));

            assertThat(sleeping.get(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(RpcError.class, e -> {
                assertThat(e.code()).isEqualTo(RpcError.TOOL);
                assertThat(e.getMessage()).isEqualTo("interrupted");
            });
        }
    }

    private static ModelProvider.CompletionRequest completion(String text) {
        return new ModelProvider.CompletionRequest(
                "echo-1", List.of(new ModelProvider.Message("user", text)), List.of(), 10);
    }

    private static HostProcess start(String scopes, boolean sandbox) throws IOException {
        return HostProcess.start(
                layout,
                plugin,
                scopes,
                sandbox,
                work,
                p -> new EgressResponse(
                        200, Map.of(), ("answer for " + p.request().uri()).getBytes(StandardCharsets.UTF_8)));
    }

    /** Waits for host.ready and returns the handle of the test tool. */
    private static long ready(HostProcess host) throws InterruptedException {
        Object first = host.nextAnnouncement(START);
        assertThat(first).as(host.log()).isInstanceOf(HostReady.class);
        HostReady ready = (HostReady) first;
        assertThat(ready.plugin()).isEqualTo(TestPluginJar.ID);
        assertThat(ready.services())
                .extracting(s -> s.kind() + ":" + s.descriptor().path("name").asText())
                .containsExactlyInAnyOrder("tool:test.probe", "model-provider:model.probe", "channel:channel.probe");
        return handle(ready, ServiceInfo.TOOL, "test.probe");
    }

    private static long handle(HostReady ready, String kind, String name) {
        return ready.services().stream()
                .filter(s -> s.kind().equals(kind)
                        && s.descriptor().path("name").asText().equals(name))
                .findFirst()
                .orElseThrow()
                .handle();
    }

    private static int calls;
    private static String lastCall = "";

    private static ToolResult invoke(HostProcess host, long handle, Map<String, Object> arguments)
            throws RpcError, InterruptedException {
        String call = "call-" + ++calls;
        lastCall = call;
        return host.endpoint.call(
                Methods.TOOL_INVOKE,
                new ToolInvokeParams(handle, call, "ws-1", farDeadline(), "run-1", arguments),
                ToolResult.class,
                deadline());
    }

    private static Instant deadline() {
        return Instant.now().plusSeconds(60);
    }

    private static long farDeadline() {
        return deadline().toEpochMilli();
    }
}
