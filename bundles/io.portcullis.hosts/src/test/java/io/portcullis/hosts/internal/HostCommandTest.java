package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostCommandTest {

    private static final Path DATA = Path.of("/srv/portcullis/data");
    private static final Path JAR_COPY = DATA.resolve("hosts/acme.tool/plugin.jar");
    private static final Path HOST_LIB = Path.of("/srv/portcullis/lib/host");
    private static final JdkFiles JDK = new JdkFiles(
            Path.of("/usr/lib/jvm/jdk-17"),
            List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64")),
            List.of(Path.of("/etc/java-17-openjdk"), Path.of("/etc/ssl/certs/java/cacerts")));
    private static final HostedPlugin PLUGIN = new HostedPlugin(
            "acme.tool", "1.0.0", DATA.resolve("plugins/ab.jar"), "ab", Set.of("vault.use", "net.egress"));

    @Test
    void aSandboxedHostGetsOnlyWhatTheJdkNeedsTheHostRuntimeAndItsCheckedJar() {
        List<String> command = command(settings(Isolation.SANDBOX, 160, 0));

        assertThat(command.subList(0, 4))
                .containsExactly("/usr/bin/prlimit", "--nofile=256:256", "--", "/usr/bin/bwrap");
        assertThat(command)
                .containsSubsequence(
                        "--unshare-all",
                        "--unshare-user",
                        "--uid",
                        "65534",
                        "--gid",
                        "65534",
                        "--cap-drop",
                        "ALL",
                        "--disable-userns",
                        "--die-with-parent",
                        "--new-session")
                .containsSubsequence("--ro-bind", HOST_LIB.toString(), HostCommand.HOST_LIB)
                .containsSubsequence("--ro-bind", JAR_COPY.toString(), HostCommand.PLUGIN_JAR)
                .containsSubsequence("--ro-bind", "/usr/lib/jvm/jdk-17", "/usr/lib/jvm/jdk-17")
                .containsSubsequence("--ro-bind", "/etc/java-17-openjdk", "/etc/java-17-openjdk")
                .containsSubsequence("--size", Long.toString(HostCommand.TMP_BYTES), "--tmpfs", "/tmp")
                .containsSubsequence("--remount-ro", "/", "--clearenv", "--setenv", "LANG", "C.UTF-8")
                .containsSubsequence(
                        "/usr/lib/jvm/jdk-17/bin/java",
                        "-cp",
                        "/opt/host/classpath/*",
                        "-Dportcullis.host.bundles=/opt/host/bundles",
                        "-Dportcullis.host.startTimeoutSeconds=15",
                        HostCommand.MAIN,
                        HostCommand.PLUGIN_JAR,
                        "acme.tool",
                        "net.egress,vault.use");
        // Nothing of the server's folders but the one checked jar; no /usr/bin, no /etc as a whole, no network.
        List<String> sources = bindSources(command);
        assertThat(sources).noneMatch(s -> s.startsWith(DATA.toString()) && !s.equals(JAR_COPY.toString()));
        assertThat(sources).doesNotContain("/", "/usr", "/usr/bin", "/etc", "/etc/ssl", DATA.toString());
        assertThat(command).doesNotContain("--share-net", "--bind", "--dev-bind");
        assertThat(command.indexOf("--remount-ro")).isGreaterThan(command.lastIndexOf("--ro-bind"));
    }

    @Test
    void theJvmIsSizedFromTheMemoryCapAndWritesNothingToTheProtocolStream() {
        List<String> command = command(settings(Isolation.SANDBOX, 160, 0));

        assertThat(command)
                .contains(
                        "-Xmx72m",
                        "-XX:+UseSerialGC",
                        "-XX:ActiveProcessorCount=1",
                        "-XX:+DisplayVMOutputToStderr",
                        "-Xlog:all=warning:stderr",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:+DisableAttachMechanism");
        assertThat(command(settings(Isolation.SANDBOX, 400, 0))).contains("-Xmx180m", "-XX:MaxMetaspaceSize=80m");
    }

    @Test
    void theHostGivesUpOnThePluginBeforeTheSupervisorGivesUpOnTheHost() {
        assertThat(HostCommand.hostStartTimeout(20)).isEqualTo(15);
        assertThat(HostCommand.hostStartTimeout(600)).isEqualTo(595);
        assertThat(HostCommand.hostStartTimeout(4)).isEqualTo(3);
        assertThat(HostCommand.hostStartTimeout(1)).isEqualTo(1);
    }

    @Test
    void cpuTimeIsCappedOnlyWhenConfigured() {
        assertThat(command(settings(Isolation.SANDBOX, 160, 0))).noneMatch(a -> a.startsWith("--cpu"));
        assertThat(command(settings(Isolation.SANDBOX, 160, 30))).contains("--cpu=30:30");
    }

    @Test
    void processIsolationRunsTheSameJavaWithoutBwrapButWithItsLimits() {
        List<String> command = command(settings(Isolation.PROCESS, 160, 5));

        assertThat(command).doesNotContain("/usr/bin/bwrap", "--unshare-all");
        assertThat(command.subList(0, 4)).containsExactly("/usr/bin/prlimit", "--nofile=256:256", "--cpu=5:5", "--");
        assertThat(command.get(4)).isEqualTo("/opt/jdk/bin/java");
        assertThat(command)
                .containsSubsequence(
                        "-cp",
                        HOST_LIB + "/classpath/*",
                        "-Dportcullis.host.bundles=" + HOST_LIB + "/bundles",
                        "-Dportcullis.host.startTimeoutSeconds=15",
                        HostCommand.MAIN,
                        JAR_COPY.toString(),
                        "acme.tool");
    }

    @Test
    void thisMachinesJdkIsFoundWithItsConfigurationOutsideIt() throws Exception {
        JdkFiles jdk = JdkFiles.of(Path.of(System.getProperty("java.home")));

        assertThat(jdk.home())
                .isEqualTo(Path.of(System.getProperty("java.home")).toRealPath());
        assertThat(jdk.libraries()).isNotEmpty().noneMatch(p -> p.equals(Path.of("/usr/bin")));
        assertThat(jdk.linkTargets()).noneMatch(p -> p.equals(Path.of("/etc")) || p.equals(Path.of("/etc/ssl")));
    }

    private static List<String> command(HostsSettings settings) {
        return HostCommand.of(
                settings, Path.of("/usr/bin/prlimit"), Path.of("/usr/bin/bwrap"), JDK, HOST_LIB, JAR_COPY, PLUGIN);
    }

    private static HostsSettings settings(Isolation isolation, int memoryMb, long cpuSeconds) {
        return new HostsSettings(
                isolation, false, memoryMb, cpuSeconds, 256, Duration.ofSeconds(20), Path.of("/opt/jdk"));
    }

    private static List<String> bindSources(List<String> command) {
        List<String> sources = new java.util.ArrayList<>();
        for (int i = 0; i < command.size() - 1; i++) {
            if (command.get(i).endsWith("bind")) {
                sources.add(command.get(i + 1));
            }
        }
        return Collections.unmodifiableList(sources);
    }
}
