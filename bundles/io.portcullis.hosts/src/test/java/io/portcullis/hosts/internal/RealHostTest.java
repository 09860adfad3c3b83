package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.hosts.HostCallException;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with the real plugin host program and a real plugin, in both isolations that use a host. */
class RealHostTest {

    @TempDir
    Path dir;

    private final Registry registry = new Registry();
    private final List<EgressRequest> sent = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private Hosts hosts;

    @AfterEach
    void stop() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void inTheSandboxThePluginWorksThroughTheCoreAndReachesNoNetwork() throws Exception {
        Tool probe = start(Isolation.SANDBOX);

        assertWorks(probe);
        try (ServerSocket listener = new ServerSocket(0)) {
            assertThatThrownBy(
                            () -> probe.invoke(Map.of("action", "connect", "port", listener.getLocalPort()), context()))
                    .isInstanceOf(ToolException.class)
                    .hasMessageStartingWith("blocked");
        }
    }

    @Test
    void inTheSandboxTheServersFilesAreOutOfSight() throws Exception {
        Tool probe = start(Isolation.SANDBOX);
        Path canary = Files.writeString(dir.resolve("data").resolve("admin.key"), "canary-secret");
        Path copy = dir.resolve("data").resolve("hosts").resolve(ProbePlugin.ID).resolve("plugin.jar");

        for (Path path : List.of(canary, copy, dir.resolve("lib/host/classpath/io.portcullis.host.jar"))) {
            assertThatThrownBy(() -> probe.invoke(Map.of("action", "read", "path", path.toString()), context()))
                    .isInstanceOf(ToolException.class)
                    .hasMessage("blocked: NoSuchFileException");
        }
        assertThat(probe.invoke(Map.of("action", "read", "path", HostCommand.PLUGIN_JAR), context())
                        .content())
                .isEqualTo("read " + Files.size(copy) + " bytes"); // its own jar, at the one place it is bound
    }

    @Test
    void inAProcessThePluginWorksButTheNetworkAndFilesAreOpenToIt() throws Exception {
        Tool probe = start(Isolation.PROCESS);

        assertWorks(probe);
        Path canary = Files.writeString(dir.resolve("data").resolve("admin.key"), "canary-secret");
        assertThat(probe.invoke(Map.of("action", "read", "path", canary.toString()), context())
                        .content())
                .isEqualTo("read 13 bytes");
        try (ServerSocket listener = new ServerSocket(0)) {
            assertThat(probe.invoke(Map.of("action", "connect", "port", listener.getLocalPort()), context())
                            .content())
                    .isEqualTo("connected"); // what isolation = process loses, as its log line says
        }
    }

    private void assertWorks(Tool probe) throws Exception {
        assertThat(System.getenv()).isNotEmpty(); // the server's own environment is not the host's:
        assertThat(probe.invoke(Map.of("action", "env"), context()).content())
                .isIn("LANG", "LANG,PWD"); // bwrap sets PWD
        assertThat(probe.invoke(Map.of("action", "echo", "text", "hi"), context())
                        .content())
                .isEqualTo("ws_1:hi");
        assertThat(probe.invoke(Map.of("action", "egress", "url", "https://example.org/x"), context())
                        .content())
                .isEqualTo("pong");
        assertThat(sent).singleElement().satisfies(r -> assertThat(r.uri()).hasToString("https://example.org/x"));
        assertThat(probe.invoke(Map.of("action", "credential", "id", "cred-1"), context())
                        .content())
                .isEqualTo("true");
        assertThat(probe.invoke(Map.of("action", "credential", "id", "cred-2"), context())
                        .content())
                .isEqualTo("false");
        assertThatThrownBy(() -> probe.invoke(Map.of("action", "fail"), context()))
                .isInstanceOf(ToolException.class)
                .hasMessage("bad input");
        assertThatThrownBy(() -> probe.invoke(Map.of("action", "crash"), context()))
                .isInstanceOf(HostCallException.class)
                .hasMessageContaining("IllegalStateException")
                .hasMessageNotContaining("s3cr3t");
    }

    private Tool start(Isolation isolation) throws Exception {
        Path hostLib = ProbePlugin.hostLib(dir);
        HostsSettings settings = new HostsSettings(
                isolation, false, 160, 0, 256, Duration.ofSeconds(60), Path.of(System.getProperty("java.home")));
        Availability.Found found = Availability.system().check(settings, hostLib);
        if (isolation == Isolation.SANDBOX) {
            assumeTrue(found.unavailable().isEmpty(), () -> found.unavailable().orElse(""));
        }
        assertThat(found.unavailable()).isEmpty();
        JdkFiles jdk = JdkFiles.of(settings.javaHome());
        hosts = new Hosts(
                () -> new Hosts.Setup(
                        settings,
                        Optional.empty(),
                        (plugin, jar) -> HostCommand.of(
                                settings,
                                found.prlimit().orElseThrow(),
                                found.bwrap().orElse(null),
                                jdk,
                                hostLib,
                                jar,
                                plugin)),
                new PluginJars(dir.resolve("data").resolve("hosts")),
                new HostAudit(new RecordingAuditLog()),
                registry,
                s -> s,
                Timing.DEFAULT,
                Clock.systemUTC(),
                id -> logged::add);
        Path jar = ProbePlugin.jar(dir.resolve("store").resolve("probe.jar"));
        long begin = System.nanoTime();
        HostStatus status = hosts.start(
                        new HostedPlugin(ProbePlugin.ID, "1.0.0", jar, PluginJars.sha256(jar), Set.of("net.egress")))
                .get(90, TimeUnit.SECONDS);

        System.out.printf(
                "%s host ready in %d ms, resident %d MiB%n",
                isolation.id(), (System.nanoTime() - begin) / 1_000_000, status.rssBytes() >> 20);
        assertThat(status.state()).isEqualTo(HostStatus.State.RUNNING);
        assertThat(status.services()).contains("tool:test.probe");
        assertThat(status.rssBytes()).isPositive().isLessThan(160L * 1024 * 1024);
        return registry.tool("test.probe").orElseThrow();
    }

    private TestContext context() {
        EgressClient egress = request -> {
            sent.add(request);
            return new EgressResponse(200, Map.of(), "pong".getBytes(StandardCharsets.UTF_8));
        };
        return new TestContext("ws_1", Instant.now().plusSeconds(30), egress, Set.of("cred-1"));
    }
}
