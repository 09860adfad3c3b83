package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The evil plugin suite (issue 14): every jar of {@code io.portcullis.itest.plugin.evil} tries one
 * escape. Each is uploaded; rejected at install is a valid outcome, recorded with the reason. Otherwise
 * it is granted exactly the scopes it declares, enabled in a workspace and invoked, and the test judges
 * by its own oracles, never by what the plugin says: the loopback listener got no connection, no canary
 * file appeared, no secret (admin key, master key, a planted system property, the server's environment,
 * another plugin's memory) came back decoded, no system property of the server changed, no bundle or
 * configuration appeared in the server's framework, no core role was taken over, nothing the plugin
 * started outlived its uninstall, and the server is still ready. It prints a table, writes it to
 * {@code target/evil-plugins-<test class>.txt}, and asserts zero escapes.
 *
 * <p>Destructive attempts (halt, a crash through {@code Unsafe}, exhausting the heap, garbage on stdout)
 * are run only when the plugin has a host process of its own: in-process they would take the test's JVM
 * down with the server, so there they count as not contained without running.
 *
 * <p>{@value #AT_ONCE} plugins are tried at once (most of a plugin's time is its host's start and the
 * oracles' waits), each with its own oracles: its own canary file, system property, token or process;
 * the three that obey the stop property run one after another.
 * The shared ones can only over-report: the loopback listener's connections are never cleared, so a
 * plugin is charged with every connection made while it ran (its neighbours' too), and any connection
 * at all fails the suite at the end; the server's readiness is checked after every plugin, and the
 * first time it is not ready no further plugin starts.
 */
public abstract class EvilPluginTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STOP = "portcullis.itest.evil.stop";
    private static final int AT_ONCE = 3;
    /** The plugins that obey {@link #STOP}: the only ones that must not run beside each other. */
    private static final java.util.Set<String> STOPPABLE = java.util.Set.of("thread", "cpuspin", "noanswer");

    @Inject
    protected BundleContext context;

    private ServerApi server;
    private EvilListener listener;
    private ServerApi.Workspace ws;
    private Path canaries;
    private String adminKey;
    private String masterKey;
    private String planted;
    private String marker;
    private LogTap log;
    private Process bystander;

    enum Outcome {
        REJECTED,
        CONTAINED,
        ESCAPED,
        NOT_RUN,
        UNJUDGED
    }

    record Row(String plugin, Outcome outcome, String evidence) {}

    /** One call as the oracles see it: the answer (hex decoded), and the host it ran in. */
    record Call(String name, int status, String body, String decoded, JsonNode host) {}

    /** Looks at a call and the world after it: the evidence of an escape, or null. */
    interface Oracle {
        String escape(Call call) throws Exception;
    }

    record Evil(String name, Map<String, Object> arguments, Oracle oracle, boolean destructive, int timeoutMs) {}

    @Before
    public void setUp() throws Exception {
        System.clearProperty("portcullis.itest.evil.stop"); // a previous test class or method may have set it
        server = ServerApi.ready(context);
        log = LogTap.install(context);
        listener = new EvilListener();
        ws = server.workspace("Evil");
        Path data = Path.of(context.getProperty("portcullis.data"));
        canaries = Files.createDirectories(data.resolveSibling("evil-canaries"));
        adminKey = server.admin();
        Path master = data.resolve("master.key");
        masterKey = Files.exists(master) ? Files.readString(master).strip() : null;
        planted = "planted-" + Long.toString(System.nanoTime(), 36) + "-never-in-a-plugin";
        System.setProperty("portcullis.itest.evil.planted", planted);
        marker = "evil-marker-" + Long.toString(System.nanoTime(), 36);
        bystander = new ProcessBuilder("sleep", "300").start(); // a process of the server's user, for evil.signal
    }

    @After
    public void tearDown() throws Exception {
        System.setProperty(STOP, "stop"); // releases whatever an in-process plugin left spinning or sleeping
        for (long pid : EvilPlugins.processesMarked(marker)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        bystander.destroyForcibly();
        listener.close();
        log.close();
    }

    @Test
    public void everyEvilPluginIsRejectedAtInstallOrContained() throws Exception {
        List<Evil> suite = suite();
        assertTrue("at least 25 escapes are tried, " + suite.size(), suite.size() >= 25);
        Row[] judged = new Row[suite.size()];
        AtomicReference<Row> down = new AtomicReference<>();
        // Lanes of plugins run one after another; the lanes run at once. The plugins that obey the stop
        // property share the first lane: in-process, one's stop would otherwise end another's thread early.
        List<List<Integer>> lanes = new ArrayList<>();
        List<Integer> stoppable = new ArrayList<>();
        lanes.add(stoppable);
        for (int i = 0; i < suite.size(); i++) {
            if (STOPPABLE.contains(suite.get(i).name())) {
                stoppable.add(i);
            } else {
                lanes.add(List.of(i));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        for (List<Integer> lane : lanes) {
            pool.execute(() -> {
                for (int index : lane) {
                    if (down.get() != null) {
                        return; // the server went down: the rest not run
                    }
                    Evil evil = suite.get(index);
                    Row row;
                    try {
                        row = run(evil);
                    } catch (Exception | AssertionError e) { // the suite goes on; the row fails the test
                        row = new Row(
                                evil.name(), Outcome.UNJUDGED, "the test could not judge it: " + shorten(e.toString()));
                    }
                    judged[index] = row;
                    System.out.println("evil plugin " + row.plugin() + ": " + row.outcome() + " " + row.evidence());
                    try {
                        if (!ready()) {
                            down.compareAndSet(
                                    null,
                                    new Row(
                                            "(server)",
                                            Outcome.ESCAPED,
                                            "not ready after " + evil.name() + ": the rest not run"));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue("the suite ended within 15 minutes", pool.awaitTermination(15, TimeUnit.MINUTES));
        List<Row> rows = new ArrayList<>();
        for (Row row : judged) {
            if (row != null) {
                rows.add(row);
            }
        }
        if (down.get() != null) {
            rows.add(down.get());
        }
        List<String> connections = listener.connections();
        if (!connections.isEmpty()) {
            rows.add(new Row(
                    "(listener)",
                    Outcome.ESCAPED,
                    "the loopback listener got " + connections.size() + " connection(s) during the suite"));
        }
        List<String> lines = log.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (secrets(EvilPlugins.decoded(lines.get(i))) != null) {
                rows.add(new Row("(server log)", Outcome.ESCAPED, "a key in log line " + i + " (not shown)"));
            }
        }
        String table = table(rows);
        System.out.println(table);
        Files.writeString(Path.of("target", "evil-plugins-" + getClass().getSimpleName() + ".txt"), table);
        long escaped = rows.stream()
                .filter(r -> r.outcome() != Outcome.REJECTED && r.outcome() != Outcome.CONTAINED)
                .count();
        assertEquals(table, 0, escaped);
    }

    // --- the suite

    private List<Evil> suite() {
        int port = listener.port();
        Map<String, Object> net = Map.of("port", port);
        String adminPath =
                Path.of(context.getProperty("portcullis.data"), "admin.key").toString();
        String token = "token-" + Long.toString(System.nanoTime(), 36);
        List<Evil> all = new ArrayList<>();
        for (String name : List.of(
                "nioselector",
                "nioreflect",
                "socketreflect",
                "httpclient",
                "xxeurl",
                "imageio",
                "urlclassloader",
                "xmldecoder",
                "mletdirect",
                "mletreflect")) {
            all.add(new Evil(name, net, call -> null, false, 10_000)); // the listener is checked after every call
        }
        all.add(new Evil("xxefile", Map.of("path", adminPath), call -> null, false, 10_000)); // keys: checked always
        all.add(new Evil("scanner", Map.of("path", adminPath), call -> null, false, 10_000));
        for (String name : List.of("beans", "imageiowrite", "julfilehandler", "exec")) {
            all.add(canary(name, name + ".canary", 10_000));
        }
        all.add(canary("jmxreflect", "jmxreflect.hprof", 12_000));
        all.add(canary("jmxdirect", "jmxdirect.hprof", 12_000));
        all.add(new Evil(
                "sysprops",
                Map.of(),
                call -> call.decoded().contains(planted) ? "read the planted property" : null,
                false,
                10_000));
        all.add(new Evil(
                "setprop",
                Map.of("token", token),
                call -> token.equals(System.getProperty("portcullis.itest.evil.setprop"))
                        ? "set a system property of the server"
                        : null,
                false,
                10_000));
        all.add(new Evil("env", Map.of(), this::environment, false, 10_000));
        all.add(new Evil("hiddenentry", Map.of(), this::environment, false, 10_000));
        all.add(new Evil(
                "procenviron",
                Map.of("path", "/proc/" + ProcessHandle.current().pid() + "/environ"),
                this::environment,
                false,
                10_000));
        all.add(new Evil(
                "signal",
                Map.of("pid", bystander.pid()),
                call -> bystander.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)
                        ? "killed process " + bystander.pid() + " of the server's user"
                        : null,
                false,
                10_000));
        all.add(new Evil(
                "jvmti",
                Map.of("agent", EvilPlugins.jar("jvmti").toAbsolutePath().toString()),
                call -> property("portcullis.itest.evil.jvmti"),
                false,
                12_000));
        all.add(new Evil("installbundle", Map.of(), call -> smuggled(), false, 10_000));
        all.add(new Evil("configadmin", Map.of("token", token), call -> stolenConfiguration(), false, 10_000));
        all.add(new Evil("redactor", Map.of(), this::redactorTakenOver, false, 10_000));
        all.add(new Evil("healthcheck", Map.of(), call -> notReady(), false, 10_000));
        all.add(new Evil(
                "thief",
                Map.of("token", token),
                call -> call.decoded().contains(token) ? "read the victim's memory" : null,
                false,
                10_000));
        all.add(new Evil("thread", Map.of(), call -> null, false, 10_000)); // judged after uninstall
        all.add(new Evil("cpuspin", Map.of(), call -> null, false, 2_000));
        all.add(new Evil("forkbomb", Map.of("count", 20, "marker", marker), call -> null, false, 10_000));
        all.add(new Evil("noanswer", Map.of(), call -> null, false, 2_000));
        for (String name : List.of("halt", "unsafe", "unsafedirect", "exitdirect", "oom")) {
            all.add(new Evil(name, Map.of(), call -> null, true, 20_000));
        }
        all.add(new Evil("stdoutflood", Map.of("mb", 40), call -> null, true, 20_000));
        all.add(new Evil("nativecode", Map.of(), call -> "a bundle with Bundle-NativeCode ran", false, 10_000));
        return all;
    }

    private Evil canary(String name, String file, int timeoutMs) {
        Path path = canaries.resolve(file);
        return new Evil(
                name,
                Map.of("path", path.toString()),
                call -> {
                    if (!Files.exists(path)) {
                        return null;
                    }
                    long size = Files.size(path);
                    Files.delete(path);
                    return "wrote " + path.getFileName() + " (" + size + " bytes) outside its sandbox";
                },
                false,
                timeoutMs);
    }

    // --- one plugin

    private Row run(Evil evil) throws Exception {
        int mark = listener.count();
        String id = EvilPlugins.PREFIX + evil.name();
        HttpResponse<String> uploaded = server.uploadBytes(EvilPlugins.upload(evil.name()));
        JsonNode record = JSON.readTree(uploaded.body().isEmpty() ? "{}" : uploaded.body());
        if (uploaded.statusCode() != 201 || record.path("status").asText().equals("rejected")) {
            EvilPlugins.remove(server, id);
            return new Row(
                    evil.name(),
                    Outcome.REJECTED,
                    "at install: "
                            + shorten(record.path("reasons").toString()
                                    + record.path("detail").asText("")));
        }
        List<String> escapes = new ArrayList<>();
        JsonNode host = JSON.createObjectNode();
        try {
            Row refused = prepare(evil, id, record);
            if (refused != null) {
                return refused;
            }
            host = EvilPlugins.host(server, id);
            if (evil.destructive() && !EvilPlugins.hosted(host)) {
                return new Row(evil.name(), Outcome.NOT_RUN, "in-process: it would take the server's JVM down");
            }
            HttpResponse<String> answer;
            try {
                answer = EvilPlugins.invoke(server, ws, "evil." + evil.name(), evil.arguments(), evil.timeoutMs());
            } catch (AssertionError e) {
                escapes.add("the call did not answer: " + e.getMessage());
                answer = null;
            }
            String body = answer == null ? "" : answer.body();
            Call call = new Call(
                    evil.name(), answer == null ? 0 : answer.statusCode(), body, EvilPlugins.decoded(body), host);
            add(escapes, evil.oracle().escape(call));
            add(escapes, secrets(call.decoded()));
            add(escapes, network(mark));
            String said = secrets(call.decoded()) != null
                    ? "(not shown: it holds a key)"
                    : shorten(JSON.readTree(body.isEmpty() ? "{}" : body)
                            .path("result")
                            .path("content")
                            .asText(body));
            EvilPlugins.remove(server, id);
            add(escapes, lingering(evil.name(), host));
            add(escapes, notReady());
            return escapes.isEmpty()
                    ? new Row(
                            evil.name(),
                            Outcome.CONTAINED,
                            (EvilPlugins.hosted(host) ? "" : "[in-process] ") + "it said: " + said)
                    : new Row(evil.name(), Outcome.ESCAPED, String.join("; ", escapes) + " | it said: " + said);
        } finally {
            EvilPlugins.remove(server, id);
            if (evil.name().equals("thief")) {
                EvilPlugins.remove(server, EvilPlugins.PREFIX + "victim");
            }
        }
    }

    /** Grants exactly the requested scopes and enables; a row when the plugin never became active. */
    private Row prepare(Evil evil, String id, JsonNode record) throws Exception {
        if (evil.name().equals("thief")) {
            victim(evil);
        }
        JsonNode granted = EvilPlugins.grant(server, id, record.path("requested_scopes"));
        if (!granted.path("status").asText().equals("active")) {
            return new Row(evil.name(), Outcome.REJECTED, "not active after its grant: " + shorten(granted.toString()));
        }
        server.enable(ws, id);
        return null;
    }

    /** The thief's victim: a well-behaved plugin that must work (the legitimate path), holding the token. */
    private void victim(Evil thief) throws Exception {
        EvilPlugins.activate(server, ws, "victim");
        HttpResponse<String> kept = EvilPlugins.invoke(
                server, ws, "evil.victim", Map.of("token", thief.arguments().get("token")), 10_000);
        JsonNode answer = JSON.readTree(kept.body());
        assertEquals(kept.body(), "ok", answer.path("status").asText());
        assertTrue(kept.body(), answer.path("result").path("content").asText().contains("kept"));
    }

    // --- oracles

    private String secrets(String decoded) {
        if (decoded.contains(adminKey)) {
            return "the admin key came back";
        }
        if (masterKey != null && decoded.contains(masterKey)) {
            return "the master key came back";
        }
        return null;
    }

    /** The connections made since {@code mark}: while this plugin ran, by it or by a neighbour. */
    private String network(int mark) {
        List<String> connections = listener.since(mark);
        String secret = secrets(String.join("\n", connections));
        return connections.isEmpty()
                ? null
                : "the loopback listener got " + connections + (secret == null ? "" : " and " + secret);
    }

    private String environment(Call call) {
        for (Map.Entry<String, String> entry : System.getenv().entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith("LANG")
                    && !name.startsWith("LC_")
                    && entry.getValue().length() >= 8
                    && call.decoded().contains(name + "=" + entry.getValue())) {
                return "read the server's environment (" + name + ")";
            }
        }
        return null;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null ? null : "the server's system property " + name + " = " + value;
    }

    private String smuggled() throws Exception {
        for (Bundle bundle : context.getBundles()) {
            if ("io.portcullis.itest.evil.smuggled".equals(bundle.getSymbolicName())) {
                bundle.uninstall();
                return "installed bundle " + bundle.getBundleId() + " into the server's framework";
            }
        }
        return null;
    }

    private String stolenConfiguration() throws Exception {
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = context.getService(reference);
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=io.portcullis.itest.evil.stolen)");
            if (found == null) {
                return null;
            }
            for (Configuration configuration : found) {
                configuration.delete();
            }
            return "wrote a configuration through the core's ConfigurationAdmin";
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * Makes the server log a line (the launcher's log filter redacts it) and answer a few problems (the
     * web layer redacts their text), then asks whether the plugin's pass-through redactor did it.
     */
    private String redactorTakenOver(Call call) throws Exception {
        org.slf4j.LoggerFactory.getLogger(EvilPluginTests.class).info("a line for the redactor to redact");
        for (int i = 0; i < 3; i++) {
            server.send("GET", "/api/v1/plugins/io.portcullis.itest.nothing-" + i, server.admin(), null);
            EvilPlugins.invoke(server, ws, "evil.nothing", Map.of(), 1000);
        }
        return property("portcullis.itest.evil.redactor");
    }

    /** Whether the server is ready, or becomes so within 15 s (a plugin's registration may take that long to go). */
    private boolean ready() throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (server.http().get("/health/ready").statusCode() == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private String notReady() {
        HttpResponse<String> ready = server.http().get("/health/ready");
        return ready.statusCode() == 200
                ? null
                : "the server is not ready: " + ready.statusCode() + " " + shorten(ready.body());
    }

    /** After the uninstall: nothing of the plugin may still run (its thread, its host, its children). */
    private String lingering(String name, JsonNode host) throws Exception {
        List<String> found = new ArrayList<>();
        String beat = "portcullis.itest.evil." + name;
        if (name.equals("thread") || name.equals("cpuspin")) {
            String before = System.getProperty(beat);
            Thread.sleep(3000);
            String after = System.getProperty(beat);
            if (after != null && !after.equals(before)) {
                found.add("its thread still runs in the server after uninstall");
            }
        }
        if (name.equals("thread") || name.equals("cpuspin") || name.equals("noanswer")) {
            System.setProperty(
                    STOP, "stop"); // in-process, nothing else would stop it: the rest of the suite needs the CPU
            Thread.sleep(1500);
            System.clearProperty(STOP);
        }
        long pid = host.path("pid").asLong(0);
        if (pid > 0 && !EvilPlugins.ends(pid, 15)) {
            found.add("its host " + pid + " outlived the uninstall");
        }
        if (name.equals("forkbomb")) {
            for (int i = 0; i < 50 && !EvilPlugins.processesMarked(marker).isEmpty(); i++) {
                Thread.sleep(100);
            }
            List<Long> left = EvilPlugins.processesMarked(marker);
            if (!left.isEmpty()) {
                found.add(left.size() + " processes it started outlived it");
                left.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
        return found.isEmpty() ? null : String.join(", ", found);
    }

    // --- report

    private static String table(List<Row> rows) {
        Map<Outcome, Long> counts = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(
                    outcome, rows.stream().filter(r -> r.outcome() == outcome).count());
        }
        Function<String, String> pad = s -> String.format("%-16s", s);
        StringBuilder out = new StringBuilder("\nEvil plugin suite: " + rows.size() + " plugins, " + counts + "\n");
        out.append(pad.apply("plugin"))
                .append(String.format("%-10s", "outcome"))
                .append("evidence\n");
        for (Row row : rows) {
            out.append(pad.apply(row.plugin()))
                    .append(String.format("%-10s", row.outcome()))
                    .append(row.evidence().replace('\n', ' '))
                    .append('\n');
        }
        return out.toString();
    }

    private static void add(List<String> escapes, String evidence) {
        if (evidence != null) {
            escapes.add(evidence);
        }
    }

    private static String shorten(String text) {
        String one = text.replace('\n', ' ');
        return one.length() <= 160 ? one : one.substring(0, 160) + "…";
    }
}
