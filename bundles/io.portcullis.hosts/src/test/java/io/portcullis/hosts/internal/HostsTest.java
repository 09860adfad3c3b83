package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.host.wire.RpcError;
import io.portcullis.hosts.HostCallException;
import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostStatus.State;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import io.portcullis.hosts.PluginHosts;
import io.portcullis.spi.Channel;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The supervisor against real child processes ({@link FakeHost}) speaking, or breaking, the protocol.
 * Each test has its own supervisor, registry, audit and folder, and most of its time is spent waiting
 * on child JVMs, pings, timeouts and restarts: the tests run at once (see the bundles' surefire setup).
 */
@Execution(ExecutionMode.CONCURRENT)
class HostsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final Registry registry = new Registry();
    private final Map<String, String> modes = new ConcurrentHashMap<>();
    private final Map<String, String> toolNames = new ConcurrentHashMap<>();
    private final AtomicInteger launches = new AtomicInteger();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    // A ping deadline generous enough that a healthy host on a loaded machine is never taken for hung.
    private final Timing timing = new Timing(
            Duration.ofMillis(50),
            Duration.ofMillis(300),
            Duration.ofMillis(3000),
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            3,
            Duration.ofMinutes(10),
            Duration.ofMillis(500));
    private HostsSettings settings = new HostsSettings(
            Isolation.PROCESS, false, 160, 0, 256, Duration.ofSeconds(30), Path.of(System.getProperty("java.home")));
    private Optional<String> unavailable = Optional.empty();
    private Hosts hosts;

    @AfterEach
    void stopAll() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void aHostThatSpeaksTheProtocolOffersItsToolsThroughProxies() throws Exception {
        HostStatus status = start("fake.one", "good").get(60, TimeUnit.SECONDS);

        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.pid()).isNotNull().isPositive();
        assertThat(status.rssBytes()).isPositive();
        assertThat(status.services())
                .containsExactlyInAnyOrder(
                        "tool:fake.echo",
                        "tool:fake.egress.fake.one",
                        "model-provider:model.fake",
                        "channel:channel.fake");
        assertThat(registry.ofPlugin("fake.one")).hasSize(4); // the invalid descriptor is left out
        assertThat(registry.live.values())
                .allSatisfy(p -> assertThat(p).containsEntry(PluginHosts.PLUGIN_PROPERTY, "fake.one"));
        Tool echo = registry.tool("fake.echo").orElseThrow();
        assertThat(echo.risk(Map.of())).isEqualTo(Risk.WRITE); // the host's answer, not the descriptor's READ
        assertThat(echo.invoke(Map.of("message", "hi"), context(Duration.ofSeconds(20), refusingEgress())))
                .isEqualTo(ToolResult.text("echo hi in ws_1"));
        assertThatThrownBy(() -> echo.invoke(Map.of("message", "fail"), context(Duration.ofSeconds(20), null)))
                .isInstanceOf(ToolException.class)
                .hasMessage("the tool says no");
        assertThat(actions()).containsSubsequence(HostAudit.START, HostAudit.READY);

        hosts.stop("fake.one");

        assertThat(registry.live).isEmpty();
        assertThat(hosts.status("fake.one").orElseThrow().state()).isEqualTo(State.STOPPED);
        assertThat(ProcessHandle.of(status.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(actions()).endsWith(HostAudit.STOP);
    }

    @Test
    void theHostsCallbacksActThroughTheContextOfItsLiveCallOnly() throws Exception {
        start("fake.one", "good").get(60, TimeUnit.SECONDS);
        List<EgressRequest> sent = new CopyOnWriteArrayList<>();
        EgressClient egress = request -> {
            sent.add(request);
            return new EgressResponse(200, Map.of(), "pong".getBytes(StandardCharsets.UTF_8));
        };

        ToolResult result = registry.tool("fake.egress.fake.one")
                .orElseThrow()
                .invoke(Map.of(), context(Duration.ofSeconds(20), egress));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).uri()).hasToString("https://example.org/");
        assertThat(result.content())
                .isEqualTo("status 200 body pong; own credential true; foreign call error " + RpcError.UNKNOWN_CALL
                        + "; previous call none");

        ToolResult second = registry.tool("fake.egress.fake.one")
                .orElseThrow()
                .invoke(Map.of(), context(Duration.ofSeconds(20), egress));

        assertThat(second.content()).endsWith("; previous call error " + RpcError.UNKNOWN_CALL); // ended: dead
        assertThat(sent).hasSize(2);
    }

    @Test
    void theHostsEgressStreamsAreBoundedPerCallAndLiveOnlyWithTheirCall() throws Exception {
        start("fake.one", "good").get(60, TimeUnit.SECONDS);
        EgressClient egress = request -> new EgressResponse(200, Map.of(), "a\nb\n".getBytes(StandardCharsets.UTF_8));
        Tool tool = registry.tool("fake.egress.fake.one").orElseThrow();

        String first = tool.invoke(Map.of("message", "streams"), context(Duration.ofSeconds(20), egress))
                .content();
        String second = tool.invoke(Map.of("message", "streams"), context(Duration.ofSeconds(20), egress))
                .content();

        assertThat(first)
                .isEqualTo("4 opened, fifth error " + RpcError.REFUSED + "; lines [a, b]; unknown error "
                        + RpcError.UNKNOWN_CALL + "; previous none");
        assertThat(second).endsWith("; previous error " + RpcError.UNKNOWN_CALL); // its call ended: dead
        assertThat(second).startsWith("4 opened"); // the limit is per call: the first call's streams are gone
    }

    @Test
    void aHostDyingMidStreamFailsTheStreamWithTheCoresMessage() throws Exception {
        start("fake.die", "die").get(60, TimeUnit.SECONDS);
        ModelProvider model = registry.live.keySet().stream()
                .filter(ModelProvider.class::isInstance)
                .map(ModelProvider.class::cast)
                .findFirst()
                .orElseThrow();
        List<String> told = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> model.stream(
                        new ModelProvider.CompletionRequest(
                                "fake-1", List.of(new ModelProvider.Message("user", "hi")), List.of(), 10),
                        context(Duration.ofSeconds(30), null),
                        new RecordingSink(told)))
                .isInstanceOf(HostCallException.class)
                .hasMessage("The host of plugin 'fake.die' stopped during the call of model provider 'model.fake'.");
        assertThat(told).isEmpty();
    }

    @Test
    void aLaterChangeOfTheHostsServicesReplacesItsProxies() throws Exception {
        start("fake.changes", "changes").get(60, TimeUnit.SECONDS);

        await(() -> registry.ofPlugin("fake.changes").size() == 1);

        assertThat(registry.tool("fake.echo")).isPresent();
        assertThat(status("fake.changes").services()).containsExactly("tool:fake.echo");
        assertThat(status("fake.changes").state()).isEqualTo(State.RUNNING);
    }

    @Test
    void aHostCannotRunMoreThanABoundedNumberOfCallbacksAtOnce() throws Exception {
        start("fake.one", "good").get(60, TimeUnit.SECONDS);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        EgressClient slow = request -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300); // long enough for the host's 100 requests to arrive while 8 run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new EgressResponse(200, Map.of(), new byte[0]);
        };

        String result = registry.tool("fake.echo")
                .orElseThrow()
                .invoke(Map.of("message", "flood"), context(Duration.ofSeconds(30), slow))
                .content();

        assertThat(most.get()).isBetween(2, HostLink.MAX_CALLBACKS);
        int sent = Integer.parseInt(result.substring(0, result.indexOf(' ')));
        assertThat(sent).isLessThan(100).isGreaterThanOrEqualTo(HostLink.MAX_CALLBACKS);
        assertThat(result).endsWith((100 - sent) + " refused");
    }

    @Test
    void modelProvidersAndChannelsAreProxiedToo() throws Exception {
        start("fake.one", "good").get(60, TimeUnit.SECONDS);
        ModelProvider model = registry.live.keySet().stream()
                .filter(ModelProvider.class::isInstance)
                .map(ModelProvider.class::cast)
                .findFirst()
                .orElseThrow();
        Channel channel = registry.live.keySet().stream()
                .filter(Channel.class::isInstance)
                .map(Channel.class::cast)
                .findFirst()
                .orElseThrow();
        TestContext context = context(Duration.ofSeconds(20), null);

        assertThat(model.descriptor()).isEqualTo(new ModelProvider.Descriptor("model.fake", "1.0", List.of("fake-1")));
        ModelProvider.Completion completion = model.complete(
                new ModelProvider.CompletionRequest(
                        "fake-1", List.of(new ModelProvider.Message("user", "hello")), List.of(), 10),
                context);
        assertThat(completion.message().content()).isEqualTo("re: hello");
        assertThat(completion.usage()).isEqualTo(new ModelProvider.Usage(3, 2));
        assertThatThrownBy(() ->
                        model.complete(new ModelProvider.CompletionRequest("fake-1", List.of(), List.of(), 0), context))
                .isInstanceOf(ModelProvider.ModelException.class)
                .hasMessage("no tokens to spend");

        Channel.Inbound inbound = channel.receive(
                new Channel.WebhookCall("POST", "/hooks/fake", Map.of(), "hi there".getBytes(StandardCharsets.UTF_8)),
                context);
        assertThat(inbound.messages()).containsExactly(new Channel.Message("conv-1", "sender-1", "hi there"));
        channel.deliver(new Channel.Outbound("conv-1", "reply"), context);
        assertThatThrownBy(() -> channel.deliver(new Channel.Outbound("conv-1", ""), context))
                .isInstanceOf(Channel.ChannelException.class)
                .hasMessage("nothing to deliver");
    }

    @Test
    void aHungHostIsKilledOnItsMissedPingAndItsCallFails() throws Exception {
        HostStatus first = start("fake.hang", "hang").get(60, TimeUnit.SECONDS);
        Tool echo = registry.tool("fake.echo").orElseThrow();

        assertThatThrownBy(() -> echo.invoke(Map.of("message", "hi"), context(Duration.ofSeconds(30), null)))
                .isInstanceOf(HostCallException.class)
                .hasMessageContaining("stopped during the call");

        await(() -> exits().stream().anyMatch(e -> "killed_hung".equals(e.reasonCode())));
        assertThat(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        await(() -> status("fake.hang").restarts() >= 1);
    }

    @Test
    void aHostFloodingStdoutWithGarbageIsKilledAndGivenUpAfterRepeatedFailures() throws Exception {
        start("fake.garbage", "garbage").get(60, TimeUnit.SECONDS);

        await(() -> status("fake.garbage").state() == State.FAILED);

        HostStatus status = status("fake.garbage");
        assertThat(status.restarts()).isEqualTo(2); // three launches, three failures: given up
        assertThat(status.lastError()).contains("failed 3 times");
        assertThat(exits())
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.reasonCode()).isEqualTo("protocol_violation"));
        assertThat(registry.live).isEmpty();
        assertThat(launches).hasValue(3);
    }

    @Test
    void aHostDyingMidCallFailsTheCallCleanlyAndIsRestarted() throws Exception {
        HostStatus first = start("fake.die", "die").get(60, TimeUnit.SECONDS);
        Tool echo = registry.tool("fake.echo").orElseThrow();

        assertThatThrownBy(() -> echo.invoke(Map.of("message", "hi"), context(Duration.ofSeconds(30), null)))
                .isInstanceOf(HostCallException.class)
                .hasMessage("The host of plugin 'fake.die' stopped during the call of tool 'fake.echo'.");

        await(() -> status("fake.die").state() == State.RUNNING
                && status("fake.die").restarts() == 1);
        HostStatus second = status("fake.die");
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(second.lastError()).isEqualTo("crashed (exit code 137)");
        assertThat(registry.tool("fake.echo")).isPresent().get().isNotSameAs(echo);
        List<AuditEvent> events = audit.events;
        assertThat(events.stream()
                        .filter(e -> e.action().equals(HostAudit.EXIT))
                        .toList())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.reasonCode()).isEqualTo("crashed");
                    assertThat(e.decision()).isEqualTo(Decision.ERROR);
                    assertThat(e.workspaceId()).isNull(); // the platform chain
                });
        assertThat(events.stream().filter(e -> "restart".equals(e.reasonCode())))
                .hasSize(1);
    }

    @Test
    void aHostFloodingStderrIsNotSlowedDownAndItsLogIsCapped() throws Exception {
        HostStatus status = start("fake.stderr", "stderr").get(60, TimeUnit.SECONDS);

        assertThat(status.state()).isEqualTo(State.RUNNING);
        hosts.stop("fake.stderr");
        await(() -> logged.stream().anyMatch(l -> l.contains("lines of this plugin host's log dropped")));
        assertThat(logged.size()).isLessThan(2_000); // of 100 000 lines
        assertThat(logged).noneMatch(l -> l.contains("sk-live-0123456789abcdef0123456789"));
    }

    @Test
    void aHostAboveItsMemoryCapIsKilled() throws Exception {
        settings =
                new HostsSettings(Isolation.PROCESS, false, 100, 0, 256, Duration.ofSeconds(30), settings.javaHome());
        start("fake.grow", "grow").get(60, TimeUnit.SECONDS);

        await(() -> exits().stream().anyMatch(e -> "killed_memory".equals(e.reasonCode())));
    }

    @Test
    void aJarThatIsNotTheGrantedOneIsNeverStarted() throws Exception {
        HostedPlugin plugin = plugin("fake.one", "good");
        Files.writeString(plugin.jar(), "other bytes");

        CompletableFuture<HostStatus> started = hosts().start(plugin);

        assertThat(failure(started).reason()).isEqualTo(HostException.Reason.TAMPERED);
        assertThat(launches).hasValue(0);
        assertThat(audit.events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(HostAudit.FAIL);
            assertThat(e.reasonCode()).isEqualTo("tampered");
        });
        assertThat(status("fake.one").state()).isEqualTo(State.FAILED);
    }

    @Test
    void theGrantedBytesAreCheckedAgainAtEveryRestart() throws Exception {
        HostedPlugin plugin = plugin("fake.die", "die");
        hosts().start(plugin).get(60, TimeUnit.SECONDS);
        Files.writeString(plugin.jar(), "swapped after the grant");

        assertThatThrownBy(() -> registry.tool("fake.echo")
                        .orElseThrow()
                        .invoke(Map.of(), context(Duration.ofSeconds(30), null)))
                .isInstanceOf(HostCallException.class);

        await(() -> status("fake.die").state() == State.FAILED);
        assertThat(status("fake.die").lastError()).contains("not the granted jar");
        assertThat(launches).hasValue(1);
    }

    @Test
    void aToolNameHeldByAnotherRunningPluginIsRefusedAtStart() throws Exception {
        start("fake.one", "good").get(60, TimeUnit.SECONDS);

        HostException refused = failure(start("fake.two", "good"));

        assertThat(refused.reason()).isEqualTo(HostException.Reason.CONFLICT);
        assertThat(refused.getMessage()).contains("tool 'fake.echo' is already provided by plugin 'fake.one'");
        assertThat(registry.ofPlugin("fake.two")).isEmpty();
        assertThat(status("fake.one").state()).isEqualTo(State.RUNNING);
        assertThat(status("fake.two").state()).isEqualTo(State.FAILED);
        toolNames.put("fake.three", "fake.other");
        assertThat(start("fake.three", "good").get(60, TimeUnit.SECONDS).state())
                .isEqualTo(State.RUNNING); // the legitimate path still works
    }

    @Test
    void aPluginThatFailsInItsHostIsReportedAndNotRestarted() throws Exception {
        HostException failed = failure(start("fake.fail", "fail"));

        assertThat(failed.reason()).isEqualTo(HostException.Reason.FAILED);
        assertThat(failed.getMessage()).contains("bundle did not resolve: missing package x");
        assertThat(status("fake.fail").state()).isEqualTo(State.FAILED);
        assertThat(launches).hasValue(1);
    }

    @Test
    void aHostNeverReadyIsKilledAtTheStartTimeout() throws Exception {
        settings = new HostsSettings(Isolation.PROCESS, false, 160, 0, 256, Duration.ofSeconds(2), settings.javaHome());

        HostException failed = failure(start("fake.silent", "silent"));

        assertThat(failed.getMessage()).contains("not ready within 2 s");
        assertThat(status("fake.silent").pid()).isNull();
    }

    @Test
    void nothingStartsWhereTheIsolationIsUnavailable() throws Exception {
        unavailable = Optional.of("Plugins cannot start: no bwrap.");

        HostException refused = failure(start("fake.one", "good"));

        assertThat(refused.reason()).isEqualTo(HostException.Reason.UNAVAILABLE);
        assertThat(refused.getMessage()).isEqualTo("Plugins cannot start: no bwrap.");
        assertThat(launches).hasValue(0);
    }

    private CompletableFuture<HostStatus> start(String id, String mode) throws Exception {
        return hosts().start(plugin(id, mode));
    }

    private HostedPlugin plugin(String id, String mode) throws Exception {
        modes.put(id, mode);
        Path jar = dir.resolve(id + ".jar");
        Files.writeString(jar, "the granted bytes of " + id);
        return new HostedPlugin(id, "1.0.0", jar, PluginJars.sha256(jar), Set.of("net.egress"));
    }

    private Hosts hosts() {
        if (hosts == null) {
            UnaryOperator<String> redactor = text -> text.replaceAll("sk-live-[0-9a-f]+", "[REDACTED:key]");
            hosts = new Hosts(
                    () -> new Hosts.Setup(settings, unavailable, this::command),
                    new PluginJars(dir.resolve("data").resolve("hosts")),
                    new HostAudit(audit),
                    registry,
                    redactor,
                    timing,
                    Clock.systemUTC(),
                    id -> logged::add);
        }
        return hosts;
    }

    private List<String> command(HostedPlugin plugin, Path jar) {
        launches.incrementAndGet();
        assertThat(jar).startsWith(dir.resolve("data").resolve("hosts").resolve(plugin.id()));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                FakeHost.class.getName(),
                modes.get(plugin.id()),
                jar.toString(),
                plugin.id(),
                String.join(",", plugin.scopes())));
        command.add(toolNames.getOrDefault(plugin.id(), FakeHost.ECHO));
        return command;
    }

    private HostStatus status(String id) {
        return hosts.status(id).orElseThrow();
    }

    private List<String> actions() {
        return audit.events.stream().map(AuditEvent::action).toList();
    }

    private List<AuditEvent> exits() {
        return audit.events.stream()
                .filter(e -> e.action().equals(HostAudit.EXIT))
                .toList();
    }

    private static TestContext context(Duration left, EgressClient egress) {
        return new TestContext(
                "ws_1", Instant.now().plus(left), egress == null ? refusingEgress() : egress, Set.of("cred-1"));
    }

    private static EgressClient refusingEgress() {
        return request -> {
            throw new EgressException(EgressException.Reason.REFUSED, "no egress in this test");
        };
    }

    private static HostException failure(CompletableFuture<HostStatus> started) throws Exception {
        try {
            started.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(HostException.class);
            return (HostException) e.getCause();
        }
        throw new AssertionError("the start succeeded");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
