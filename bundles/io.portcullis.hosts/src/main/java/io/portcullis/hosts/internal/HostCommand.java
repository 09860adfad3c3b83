package io.portcullis.hosts.internal;

import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The command line of one plugin host: {@code prlimit} (open files, CPU seconds), then for
 * {@link Isolation#SANDBOX} {@code bwrap} with an empty root, no network, a private PID namespace,
 * uid 65534, no capabilities, read-only binds of only what the JDK needs, the host runtime at
 * {@value #HOST_LIB} and the checked copy of the plugin's jar at {@value #PLUGIN_JAR}, a size-capped
 * {@code /tmp}; then {@code java} with flags sized from the memory cap and the host's main class.
 */
final class HostCommand {

    static final String HOST_LIB = "/opt/host";
    static final String PLUGIN_JAR = "/opt/plugin/plugin.jar";
    static final String MAIN = "io.portcullis.host.HostMain";
    static final String BUNDLES_PROPERTY = "portcullis.host.bundles";
    static final String START_TIMEOUT_PROPERTY = "portcullis.host.startTimeoutSeconds";
    static final long TMP_BYTES = 32L * 1024 * 1024;

    private HostCommand() {}

    /**
     * @param bwrap the {@code bwrap} program; required for {@link Isolation#SANDBOX}
     * @param jdk what the JDK needs in the sandbox; required for {@link Isolation#SANDBOX}
     */
    static List<String> of(
            HostsSettings settings,
            Path prlimit,
            @Nullable Path bwrap,
            @Nullable JdkFiles jdk,
            Path hostLib,
            Path jarCopy,
            HostedPlugin plugin) {
        List<String> command = new ArrayList<>();
        command.add(prlimit.toString());
        command.add("--nofile=" + settings.openFiles() + ":" + settings.openFiles());
        if (settings.cpuSeconds() > 0) {
            command.add("--cpu=" + settings.cpuSeconds() + ":" + settings.cpuSeconds());
        }
        command.add("--");
        if (settings.isolation() == Isolation.SANDBOX) {
            if (bwrap == null || jdk == null) {
                throw new IllegalArgumentException("the sandbox needs bwrap and the JDK's files");
            }
            sandbox(command, bwrap, jdk, hostLib, jarCopy);
            command.add(jdk.home().resolve("bin").resolve("java").toString());
            java(command, settings, HOST_LIB, PLUGIN_JAR, plugin);
        } else {
            command.add(settings.java().toString());
            java(command, settings, hostLib.toString(), jarCopy.toString(), plugin);
        }
        return List.copyOf(command);
    }

    private static void sandbox(List<String> command, Path bwrap, JdkFiles jdk, Path hostLib, Path jarCopy) {
        command.addAll(List.of(
                bwrap.toString(),
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
                "--new-session"));
        for (Path library : jdk.libraries()) {
            roBind(command, library, library);
        }
        command.addAll(List.of("--symlink", "usr/lib", "/lib"));
        if (jdk.libraries().stream().anyMatch(p -> p.endsWith("lib64"))) {
            command.addAll(List.of("--symlink", "usr/lib64", "/lib64"));
        }
        roBind(command, jdk.home(), jdk.home());
        for (Path target : jdk.linkTargets()) {
            roBind(command, target, target);
        }
        roBind(command, hostLib, Path.of(HOST_LIB));
        roBind(command, jarCopy, Path.of(PLUGIN_JAR));
        command.addAll(List.of(
                "--size",
                Long.toString(TMP_BYTES),
                "--tmpfs",
                "/tmp",
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--remount-ro",
                "/dev",
                "--remount-ro",
                "/",
                "--clearenv",
                "--setenv",
                "LANG",
                "C.UTF-8",
                "--chdir",
                "/tmp"));
    }

    private static void roBind(List<String> command, Path source, Path target) {
        command.add("--ro-bind");
        command.add(source.toString());
        command.add(target.toString());
    }

    private static void java(
            List<String> command, HostsSettings settings, String hostLib, String jar, HostedPlugin plugin) {
        command.addAll(jvmFlags(settings.memoryMb()));
        command.add("-cp");
        command.add(hostLib + "/classpath/*");
        command.add("-D" + BUNDLES_PROPERTY + "=" + hostLib + "/bundles");
        command.add("-D" + START_TIMEOUT_PROPERTY + "="
                + hostStartTimeout(settings.startTimeout().toSeconds()));
        command.add(MAIN);
        command.add(jar);
        command.add(plugin.id());
        command.add(String.join(",", new TreeSet<>(plugin.scopes())));
    }

    /**
     * The host's own wait for the plugin's components: a little under the supervisor's start timeout, so
     * a plugin that cannot start is reported with the host's reason (its unsatisfied components) rather
     * than killed without one.
     */
    static long hostStartTimeout(long supervisorSeconds) {
        return Math.max(1, supervisorSeconds - Math.max(1, Math.min(5, supervisorSeconds / 4)));
    }

    /**
     * Flags of a small JVM whose resident memory stays under {@code memoryMb}: about 45% heap, a capped
     * metaspace, code cache and direct memory, one GC and compiler thread; nothing written to stdout (the
     * protocol's stream), no attach, and an out-of-memory error ends the host (the supervisor restarts it).
     */
    static List<String> jvmFlags(int memoryMb) {
        int heap = Math.max(24, memoryMb * 45 / 100);
        int metaspace = Math.max(32, memoryMb / 5);
        return List.of(
                "-Xmx" + heap + "m",
                "-Xms8m",
                "-Xss512k",
                "-XX:MaxMetaspaceSize=" + metaspace + "m",
                "-XX:ReservedCodeCacheSize=16m",
                "-XX:MaxDirectMemorySize=16m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1",
                "-XX:ActiveProcessorCount=1",
                "-XX:-UsePerfData",
                "-XX:+DisableAttachMechanism",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+DisplayVMOutputToStderr",
                "-Xlog:all=warning:stderr",
                "-Djava.io.tmpdir=/tmp");
    }
}
