package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.host.testplugin.ProbeModel;
import io.portcullis.hosts.HostCallException;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.CompletionRequest;
import io.portcullis.spi.ModelProvider.Message;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model and egress streams across the pipe of one real plugin host (the probe plugin's model provider),
 * started once for the class: order, tool-call fragments, failures, cancellation, bounds and the
 * plugin's egress stream pulled through the core.
 */
class StreamingHostTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LINES = 20;

    @TempDir
    static Path dir;

    private static final Registry registry = new Registry();
    private static final List<String> logged = new CopyOnWriteArrayList<>();
    private static Hosts hosts;
    private static ModelProvider model;
    private static HttpServer server;
    private static final long[] sentAt = new long[LINES];
    private static final long[] toldAt = new long[LINES];
    private static final List<CountDownLatch> lineTold = new ArrayList<>();
    private static final CountDownLatch firstDone = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        Path hostLib = ProbePlugin.hostLib(dir);
        HostsSettings settings = new HostsSettings(
                Isolation.PROCESS,
                false,
                160,
                0,
                256,
                Duration.ofSeconds(60),
                Path.of(System.getProperty("java.home")));
        Availability.Found found = Availability.system().check(settings, hostLib);
        assertThat(found.unavailable()).isEmpty();
        JdkFiles jdk = JdkFiles.of(settings.javaHome());
        hosts = new Hosts(
                () -> new Hosts.Setup(
                        settings,
                        Optional.empty(),
                        (plugin, jar) -> HostCommand.of(
                                settings, found.prlimit().orElseThrow(), null, jdk, hostLib, jar, plugin)),
                new PluginJars(dir.resolve("data").resolve("hosts")),
                new HostAudit(new RecordingAuditLog()),
                registry,
                s -> s,
                Timing.DEFAULT,
                Clock.systemUTC(),
                id -> logged::add);
        Path jar = ProbePlugin.jar(dir.resolve("store").resolve("probe.jar"));
        HostStatus status = hosts.start(
                        new HostedPlugin(ProbePlugin.ID, "1.0.0", jar, PluginJars.sha256(jar), Set.of("net.egress")))
                .get(90, TimeUnit.SECONDS);
        assertThat(status.state()).isEqualTo(HostStatus.State.RUNNING);
        model = registry.live.keySet().stream()
                .filter(ModelProvider.class::isInstance)
                .map(ModelProvider.class::cast)
                .filter(m -> m.descriptor().name().equals("model.probe"))
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < LINES; i++) {
            lineTold.add(new CountDownLatch(1));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Each line is written only once the core's sink got the one before: a pipe that held lines
        // back (batching, a poll interval that never ends) would never finish.
        server.createContext("/lines", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < LINES; i++) {
                    sentAt[i] = System.nanoTime();
                    out.write(("line-" + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (!lineTold.get(i).await(60, TimeUnit.SECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // The first line, then (once the plugin stopped reading and its stream ended) more lines.
        server.createContext("/first", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                firstDone.await(60, TimeUnit.SECONDS);
                for (int i = 0; i < 100; i++) {
                    out.write("more\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                // the core closed the connection: what the test wants
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void deltasAndToolCallFragmentsArriveInOrderAndComplete() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();

        model.stream(request("deltas"), context(Duration.ofSeconds(30), null), new RecordingSink(events));

        assertThat(events)
                .containsExactly(
                        "text:Hel",
                        "text:lo",
                        "start:0:call_1:lookup",
                        "start:1:call_2:other",
                        "args:0:{\"q\":",
                        "args:1:{}",
                        "args:0:\"x\"}",
                        "call:2:call_3:whole:{n=1}:null",
                        "usage:5:7",
                        "finish:tool_calls");
    }

    @Test
    void theProvidersModelExceptionKeepsItsStatusAndRetryAfterStreamedOrNotAndACrashIsTheCoresMessage() {
        List<String> events = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() ->
                        model.stream(request("fail"), context(Duration.ofSeconds(30), null), new RecordingSink(events)))
                .isInstanceOfSatisfying(ModelProvider.ModelException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("rate limited");
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isEqualTo(17);
                });
        assertThat(events).containsExactly("text:partial");
        assertThatThrownBy(() -> model.complete(request("limited"), context(Duration.ofSeconds(30), null)))
                .isInstanceOfSatisfying(ModelProvider.ModelException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("slow down");
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isEqualTo(30);
                });
        assertThatThrownBy(() -> model.stream(
                        request("crash"), context(Duration.ofSeconds(30), null), new RecordingSink(events)))
                .isInstanceOf(HostCallException.class)
                .hasMessageContaining("IllegalStateException")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void theCoreGivingUpStopsTheProviderWhichSeesCancellation() throws Exception {
        int before = cancellations();
        List<String> events = new CopyOnWriteArrayList<>();
        RecordingSink impatient = new RecordingSink(events) {
            @Override
            public void text(String delta) {
                super.text(delta);
                if (events.size() == 5) {
                    throw new CancellationException("the client left");
                }
            }
        };

        assertThatThrownBy(() -> model.stream(request("endless"), context(Duration.ofSeconds(30), null), impatient))
                .isInstanceOf(CancellationException.class);
        await(() -> cancellations() > before);
        assertThat(events).hasSize(5);

        assertThatThrownBy(() -> model.stream(
                        request("endless"), context(Duration.ofSeconds(1), null), new RecordingSink(events)))
                .isInstanceOf(HostCallException.class)
                .hasMessageContaining("before the deadline");
        await(() -> cancellations() > before + 1);

        List<String> after = new CopyOnWriteArrayList<>();
        model.stream(request("hello"), context(Duration.ofSeconds(30), null), new RecordingSink(after));
        assertThat(after).containsExactly("text:echo:hello", "usage:1:2", "finish:stop"); // the host serves on
    }

    @Test
    void tenThousandEventsReachASlowReaderAllInOrderWithoutHarmToTheLink() throws Exception {
        List<String> events = new ArrayList<>();
        RecordingSink slow = new RecordingSink(events) {
            @Override
            public void text(String delta) {
                super.text(delta);
                if (events.size() == 1 || events.size() % 1000 == 0) {
                    try {
                        Thread.sleep(100); // the provider runs into the bound meanwhile
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };

        long begin = System.nanoTime();
        model.stream(request("many:10000"), context(Duration.ofSeconds(60), null), slow);
        System.out.printf(
                "10,000 deltas through the host pipe to a reader pausing 1.1 s in all: %d ms%n",
                (System.nanoTime() - begin) / 1_000_000);

        assertThat(events).hasSize(10_001).endsWith("finish:stop");
        for (int i = 0; i < 10_000; i++) {
            assertThat(events.get(i)).isEqualTo("text:d" + i + ",");
        }
        HostStatus status = hosts.status(ProbePlugin.ID).orElseThrow();
        assertThat(status.state()).isEqualTo(HostStatus.State.RUNNING);
        assertThat(status.restarts()).isZero();
    }

    @Test
    void thePluginsEgressStreamIsPulledThroughTheCoreLineByLineAsItArrives() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink(events) {
            @Override
            public void text(String delta) {
                super.text(delta);
                if (delta.startsWith("line-")) {
                    int i = Integer.parseInt(delta.substring(5).strip());
                    toldAt[i] = System.nanoTime();
                    lineTold.get(i).countDown();
                }
            }
        };
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/lines";

        model.stream(request("egress:" + url), context(Duration.ofSeconds(60), new LoopbackEgress()), sink);

        List<String> expected = new ArrayList<>(List.of("text:status 200\n"));
        for (int i = 0; i < LINES; i++) {
            expected.add("text:line-" + i + "\n");
        }
        expected.add("finish:stop");
        assertThat(events).containsExactlyElementsOf(expected);
        long[] micros = new long[LINES];
        for (int i = 0; i < LINES; i++) {
            micros[i] = (toldAt[i] - sentAt[i]) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf(
                "egress line written by the server -> core's completion sink (through the host): p50 %d us, max %d us%n",
                micros[LINES / 2], micros[LINES - 1]);
    }

    @Test
    void aPluginThatStopsReadingClosesItsEgressStreamInTheCore() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        LoopbackEgress egress = new LoopbackEgress();
        AtomicBoolean stoppedWhileLive = new AtomicBoolean();
        RecordingSink sink = new RecordingSink(events) {
            @Override
            public void finish(String reason) {
                super.finish(reason);
                // The call is still live here: only the plugin's egress.close can have stopped the read.
                firstDone.countDown();
                try {
                    stoppedWhileLive.set(egress.stopped.await(60, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/first";

        model.stream(request("egress-first:" + url), context(Duration.ofSeconds(60), egress), sink);

        assertThat(events).containsExactly("text:status 200\n", "text:first\n", "finish:stop");
        assertThat(stoppedWhileLive).isTrue();
    }

    private static int cancellations() {
        return (int)
                logged.stream().filter(l -> l.contains(ProbeModel.CANCELLED)).count();
    }

    private static CompletionRequest request(String last) {
        return new CompletionRequest("echo-1", List.of(new Message("user", last)), List.of(), 100);
    }

    private static TestContext context(Duration left, EgressClient egress) {
        return new TestContext(
                "ws_1", Instant.now().plus(left), egress == null ? new LoopbackEgress() : egress, Set.of("cred-1"));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within " + WAIT + "; log " + logged);
            }
            Thread.sleep(20);
        }
    }
}
