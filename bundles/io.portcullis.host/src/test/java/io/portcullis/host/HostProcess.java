package io.portcullis.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.host.wire.CredentialAnswer;
import io.portcullis.host.wire.CredentialParams;
import io.portcullis.host.wire.EgressSendParams;
import io.portcullis.host.wire.HostFailed;
import io.portcullis.host.wire.HostReady;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.RpcEndpoint;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.Wire;
import io.portcullis.spi.EgressResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A real plugin host JVM started the way the core starts one, in {@code process} or {@code sandbox}
 * (bubblewrap) mode, with the core's end of the protocol: it answers {@code egress.send} with the
 * given function and {@code credential.get} with "bound" for the id {@code bound} only.
 */
public final class HostProcess implements AutoCloseable {

    /** The JVM flags of STACK.md's prototype (about 50 MB RSS) plus those keeping stdout clean. */
    public static final List<String> JVM_FLAGS = List.of(
            "-Xmx64m",
            "-Xms8m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=16m",
            "-XX:-UsePerfData",
            "-XX:+DisplayVMOutputToStderr",
            "-Xlog:all=warning:stderr");

    public final BlockingQueue<Object> announcements = new LinkedBlockingQueue<>();
    public final BlockingQueue<EgressSendParams> egressCalls = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    public final Process process;
    public final RpcEndpoint endpoint;
    public final Path log;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    private HostProcess(Process process, Path log, Function<EgressSendParams, EgressResponse> egress) {
        this.process = process;
        this.log = log;
        RpcEndpoint.Handler handler = new RpcEndpoint.Handler() {
            @Override
            public @Nullable Object request(String method, JsonNode params) throws RpcError {
                switch (method) {
                    case Methods.EGRESS_SEND:
                        EgressSendParams p = Wire.params(params, EgressSendParams.class);
                        egressCalls.add(p);
                        return egress.apply(p);
                    case Methods.CREDENTIAL_GET:
                        return new CredentialAnswer(Wire.params(params, CredentialParams.class)
                                .credentialId()
                                .equals("bound"));
                    default:
                        throw new RpcError(RpcError.METHOD_NOT_FOUND, method);
                }
            }

            @Override
            public void notification(String method, JsonNode params) {
                try {
                    announcements.add(
                            method.equals(Methods.HOST_FAILED)
                                    ? Wire.params(params, HostFailed.class)
                                    : Wire.params(params, HostReady.class));
                } catch (RpcError e) {
                    announcements.add(e);
                }
            }
        };
        endpoint = new RpcEndpoint(
                "core",
                process.getInputStream(),
                process.getOutputStream(),
                handler,
                executor,
                v -> closed.add(v == null ? "EOF" : v));
        endpoint.start();
    }

    public static HostProcess start(
            HostLayout layout,
            Path pluginJar,
            String scopes,
            boolean sandbox,
            Path work,
            Function<EgressSendParams, EgressResponse> egress)
            throws IOException {
        return start(layout, pluginJar, scopes, sandbox, work, egress, List.of(), List.of());
    }

    /**
     * As above, with more JVM flags and, in the sandbox, more bwrap arguments (binds) before the
     * java command.
     */
    public static HostProcess start(
            HostLayout layout,
            Path pluginJar,
            String scopes,
            boolean sandbox,
            Path work,
            Function<EgressSendParams, EgressResponse> egress,
            List<String> moreFlags,
            List<String> moreBinds)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"))
                .toRealPath()
                .resolve("bin/java")
                .toString();
        List<String> command = new ArrayList<>();
        if (sandbox) {
            List<String> bwrap = bwrap(layout, pluginJar, java);
            bwrap.addAll(bwrap.indexOf("--size"), moreBinds); // before the root is remounted read-only
            command.addAll(bwrap);
            command.addAll(JVM_FLAGS);
            command.addAll(moreFlags);
            command.addAll(
                    HostLayout.hostArguments(Path.of("/opt/host"), "/opt/plugin/plugin.jar", TestPluginJar.ID, scopes));
        } else {
            command.add(java);
            command.addAll(JVM_FLAGS);
            command.addAll(moreFlags);
            command.addAll(HostLayout.hostArguments(layout.root(), pluginJar.toString(), TestPluginJar.ID, scopes));
        }
        Path log = Files.createTempFile(work, "host-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new HostProcess(process, log, egress);
    }

    /** STACK.md's verified bubblewrap line: no network, uid 65534, no capabilities, read-only root. */
    static List<String> bwrap(HostLayout layout, Path pluginJar, String java) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "bwrap",
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
                "--new-session",
                "--ro-bind",
                "/usr",
                "/usr",
                "--symlink",
                "usr/lib",
                "/lib",
                "--symlink",
                "usr/lib64",
                "/lib64",
                "--symlink",
                "usr/bin",
                "/bin"));
        Path javaHome = Path.of(java).getParent().getParent();
        if (!javaHome.startsWith("/usr")) {
            command.addAll(List.of("--ro-bind", javaHome.toString(), javaHome.toString()));
        }
        if (Files.isDirectory(Path.of("/etc/java-17-openjdk"))) {
            command.addAll(List.of("--ro-bind", "/etc/java-17-openjdk", "/etc/java-17-openjdk"));
        }
        command.addAll(List.of(
                "--ro-bind",
                layout.root().toRealPath().toString(),
                "/opt/host",
                "--ro-bind",
                pluginJar.toRealPath().toString(),
                "/opt/plugin/plugin.jar",
                "--size",
                "67108864",
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
                "/tmp",
                java));
        return command;
    }

    public static boolean bwrapAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "bwrap"))) {
                return true;
            }
        }
        return false;
    }

    /** The next host.ready / host.services / host.failed, or null after {@code wait}. */
    public @Nullable Object nextAnnouncement(Duration wait) throws InterruptedException {
        return announcements.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Override
    public void close() {
        endpoint.close();
        process.destroyForcibly();
        executor.shutdownNow();
    }
}
