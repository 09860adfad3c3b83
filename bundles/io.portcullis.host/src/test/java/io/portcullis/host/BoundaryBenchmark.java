package io.portcullis.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.host.testplugin.ProbeTool;
import io.portcullis.host.wire.HostReady;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.RpcEndpoint;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.ToolInvokeParams;
import io.portcullis.host.wire.Wire;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolResult;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The cost of the plugin host boundary (issue 14), run by {@code benchmarks/host-boundary.sh}: per-call
 * latency of a no-op tool called directly in process, over the wire protocol in process (pipes, no
 * second JVM), and through a real host in {@code process} and {@code sandbox} (bubblewrap) mode; the
 * host's cold start (spawn to host.ready) and its resident memory. Figures are printed, never asserted.
 *
 * <p>System properties: {@code calls} (default 20000), {@code warmup} (5000), {@code starts} (5),
 * {@code portcullis.host.lib} (a distribution's lib/host; else one built from the build output).
 */
public final class BoundaryBenchmark {

    private static final int CALLS = Integer.getInteger("calls", 20_000);
    private static final int WARMUP = Integer.getInteger("warmup", 5_000);
    private static final int STARTS = Integer.getInteger("starts", 5);
    private static final Map<String, Object> NOOP = Map.of("action", "noop");

    private BoundaryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("host-boundary-");
        try {
            HostLayout layout = HostLayout.create(work);
            Path plugin = TestPluginJar.write(work.resolve("plugin/test.probe.jar"));
            System.out.printf(
                    Locale.ROOT,
                    "host lib: %s; %d calls after %d warm-up calls; %d cold starts%n",
                    layout.root(),
                    CALLS,
                    WARMUP,
                    STARTS);
            System.out.printf(Locale.ROOT, "host JVM flags: %s%n", String.join(" ", HostProcess.JVM_FLAGS));
            report("direct call (in process)", direct());
            report("wire protocol over pipes (in process)", pipes());
            host(layout, plugin, work, false, Cds.NONE);
            if (HostProcess.bwrapAvailable()) {
                host(layout, plugin, work, true, Cds.NONE);
            } else {
                System.out.println("sandbox: bwrap not on PATH, skipped");
            }
            if (Boolean.getBoolean("cds")) {
                host(layout, plugin, work, false, Cds.create(work, false));
                if (HostProcess.bwrapAvailable()) {
                    host(layout, plugin, work, true, Cds.create(work, true));
                }
            }
            System.out.println("goals: boundary p50 <= 250 us, p99 <= 2 ms; cold start <= 1500 ms; RSS <= 80 MB");
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long[] direct() throws Exception {
        ProbeTool tool = new ProbeTool();
        ToolContext context = new LocalContext();
        long[] times = new long[CALLS];
        for (int i = 0; i < WARMUP; i++) {
            tool.invoke(NOOP, context);
        }
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            tool.invoke(NOOP, context);
            times[i] = System.nanoTime() - start;
        }
        return times;
    }

    private static long[] pipes() throws Exception {
        ProbeTool tool = new ProbeTool();
        Pipe toHost = Pipe.open();
        Pipe toCore = Pipe.open();
        ExecutorService executor = Executors.newCachedThreadPool();
        RpcEndpoint.Handler handler = new RpcEndpoint.Handler() {
            @Override
            public @Nullable Object request(String method, JsonNode params) throws RpcError {
                ToolInvokeParams p = Wire.params(params, ToolInvokeParams.class);
                try {
                    return tool.invoke(p.arguments(), new LocalContext());
                } catch (Exception e) {
                    throw new RpcError(RpcError.TOOL, e.getClass().getName());
                }
            }

            @Override
            public void notification(String method, JsonNode params) {}
        };
        try (RpcEndpoint host = new RpcEndpoint(
                        "host",
                        Channels.newInputStream(toHost.source()),
                        Channels.newOutputStream(toCore.sink()),
                        handler,
                        executor,
                        v -> {});
                RpcEndpoint core = new RpcEndpoint(
                        "core",
                        Channels.newInputStream(toCore.source()),
                        Channels.newOutputStream(toHost.sink()),
                        handler,
                        executor,
                        v -> {})) {
            host.start();
            core.start();
            return calls(core, 1);
        } finally {
            executor.shutdownNow();
        }
    }

    private static void host(HostLayout layout, Path plugin, Path work, boolean sandbox, Cds cds) throws Exception {
        String mode = (sandbox ? "sandbox" : "process") + cds.label();
        long[] starts = new long[STARTS];
        long[] rss = new long[STARTS];
        HostProcess last = null;
        long handle = 0;
        try {
            for (int i = 0; i < STARTS; i++) {
                long begin = System.nanoTime();
                HostProcess host = cds.start(layout, plugin, sandbox, work);
                Object first = host.nextAnnouncement(Duration.ofSeconds(120));
                starts[i] = System.nanoTime() - begin;
                if (!(first instanceof HostReady ready)) {
                    throw new IllegalStateException(mode + " host did not start: " + first + "\n" + host.log());
                }
                handle = ready.services().stream()
                        .filter(s -> s.kind().equals(io.portcullis.host.wire.ServiceInfo.TOOL))
                        .findFirst()
                        .orElseThrow()
                        .handle();
                rss[i] = rssKb(host.process.toHandle());
                if (i < STARTS - 1) {
                    host.close();
                    host.process.waitFor();
                } else {
                    last = host;
                }
            }
            long[] times = calls(last.endpoint, handle);
            long rssAfter = rssKb(last.process.toHandle());
            report(mode + " host, tool.invoke", times);
            Arrays.sort(starts);
            System.out.printf(
                    Locale.ROOT,
                    "%-40s median %6d ms  (min %d, max %d over %d)%n",
                    mode + " host cold start",
                    starts[STARTS / 2] / 1_000_000,
                    starts[0] / 1_000_000,
                    starts[STARTS - 1] / 1_000_000,
                    STARTS);
            Arrays.sort(rss);
            System.out.printf(
                    Locale.ROOT,
                    "%-40s %6.1f MB after ready (median), %6.1f MB after the calls%n",
                    mode + " host RSS (java, VmRSS)",
                    rss[STARTS / 2] / 1024.0,
                    rssAfter / 1024.0);
        } finally {
            if (last != null) {
                last.close();
            }
        }
    }

    private static long[] calls(RpcEndpoint core, long handle) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            core.call(Methods.TOOL_INVOKE, invokeParams(handle), ToolResult.class, deadline());
        }
        long[] times = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            ToolInvokeParams params = invokeParams(handle);
            long start = System.nanoTime();
            core.call(Methods.TOOL_INVOKE, params, ToolResult.class, deadline());
            times[i] = System.nanoTime() - start;
        }
        return times;
    }

    private static int seq;

    private static ToolInvokeParams invokeParams(long handle) {
        return new ToolInvokeParams(handle, "c" + ++seq, "ws", deadline().toEpochMilli(), "run", NOOP);
    }

    private static Instant deadline() {
        return Instant.now().plusSeconds(30);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf(
                Locale.ROOT,
                "%-40s p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  mean %8.1f us%n",
                what,
                sorted[sorted.length / 2] / 1000.0,
                sorted[(int) (sorted.length * 0.99)] / 1000.0,
                sorted[(int) (sorted.length * 0.999)] / 1000.0,
                mean / 1000.0);
    }

    /**
     * An application class-data sharing archive (AppCDS) of the host, written by one host run at its
     * exit and mapped by the next; in the sandbox the archive's folder is bound at {@code /opt/cds}.
     */
    private record Cds(@Nullable Path folder, String inside) {

        static final Cds NONE = new Cds(null, "");

        static Cds create(Path work, boolean sandbox) throws Exception {
            Path folder = Files.createDirectories(work.resolve(sandbox ? "cds-sandbox" : "cds-process"));
            Cds dumping = new Cds(folder, sandbox ? "/opt/cds" : folder.toString());
            return dumping;
        }

        String label() {
            return folder == null ? "" : " + AppCDS";
        }

        HostProcess start(HostLayout layout, Path plugin, boolean sandbox, Path work) throws Exception {
            if (folder == null) {
                return HostProcess.start(layout, plugin, "net.egress", sandbox, work, p -> null);
            }
            String archive = inside + "/host.jsa";
            if (!Files.exists(folder.resolve("host.jsa"))) {
                HostProcess dump = HostProcess.start(
                        layout,
                        plugin,
                        "net.egress",
                        sandbox,
                        work,
                        p -> null,
                        List.of("-XX:ArchiveClassesAtExit=" + archive),
                        binds(sandbox, "--bind"));
                Object first = dump.nextAnnouncement(Duration.ofSeconds(120));
                if (!(first instanceof HostReady)) {
                    throw new IllegalStateException("CDS dump run did not start: " + dump.log());
                }
                dump.endpoint.close();
                dump.process.waitFor();
                if (!Files.exists(folder.resolve("host.jsa"))) {
                    throw new IllegalStateException("no CDS archive written: " + dump.log());
                }
            }
            return HostProcess.start(
                    layout,
                    plugin,
                    "net.egress",
                    sandbox,
                    work,
                    p -> null,
                    List.of("-XX:SharedArchiveFile=" + archive),
                    binds(sandbox, "--ro-bind"));
        }

        private List<String> binds(boolean sandbox, String bind) {
            return sandbox ? List.of(bind, folder.toString(), inside) : List.of();
        }
    }

    /** VmRSS in kB of the java process: the process itself, or the java below bwrap. */
    static long rssKb(ProcessHandle process) throws IOException {
        List<ProcessHandle> candidates = new ArrayList<>();
        candidates.add(process);
        process.descendants().forEach(candidates::add);
        long best = 0;
        for (ProcessHandle candidate : candidates) {
            Optional<String> command = candidate.info().command();
            if (command.isPresent() && !command.get().endsWith("/java")) {
                continue;
            }
            Path status = Path.of("/proc", Long.toString(candidate.pid()), "status");
            if (!Files.isReadable(status)) {
                continue;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    best = Math.max(best, Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        }
        return best;
    }

    /** The in-process context of the direct call. */
    private static final class LocalContext implements ToolContext {
        @Override
        public String workspaceId() {
            return "ws";
        }

        @Override
        public Instant deadline() {
            return Instant.MAX;
        }

        @Override
        public EgressClient egress() {
            return request -> new EgressResponse(200, Map.of(), new byte[0]);
        }

        @Override
        public Optional<CredentialRef> credential(String credentialId) {
            return Optional.empty();
        }

        @Override
        public String runId() {
            return "run";
        }
    }
}
