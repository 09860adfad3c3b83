package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * Failure is contained (issue 14): a plugin host killed with {@code kill -9} in the middle of a call,
 * a tool that never answers, a plugin that floods its standard output (where the host's protocol runs).
 * Each time the server stays ready, the call ends with a clean error instead of hanging or answering
 * garbage, and the call's {@code tool.invoke} record says it failed. The host-level cases need the
 * plugin in a host of its own ({@code GET /api/v1/plugins/{id}} shows {@code host.pid}); in-process
 * they fail, as they should: then nothing contains the plugin.
 */
public abstract class EvilFailureTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    protected BundleContext context;

    private ServerApi server;
    private ServerApi.Workspace ws;
    private String plugin;

    @Before
    public void setUp() throws Exception {
        System.clearProperty("portcullis.itest.evil.stop"); // a previous test class or method may have set it
        server = ServerApi.ready(context);
        ws = server.workspace("Failures");
    }

    @After
    public void tearDown() {
        System.setProperty("portcullis.itest.evil.stop", "stop"); // frees an in-process plugin's sleeping thread
        if (plugin != null) {
            EvilPlugins.remove(server, plugin);
        }
    }

    @Test
    public void aHostKilledMidCallFailsTheCallCleanlyAndIsRestarted() throws Exception {
        plugin = EvilPlugins.activate(server, ws, "noanswer");
        long pid = hostPid();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> call = caller.submit(
                    () -> EvilPlugins.invoke(server, ws, "evil.noanswer", Map.of("millis", 60_000), 14_000));
            Thread.sleep(1000); // the call is in the host by now; if not, the kill still must not hang it
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            HttpResponse<String> answer = call.get(30, TimeUnit.SECONDS);
            assertFailedCleanly(answer);
        } finally {
            caller.shutdownNow();
        }
        assertReady();
        assertAudited("evil.noanswer");
        // Restarted with backoff: a later call reaches a new host.
        JsonNode again = null;
        for (int i = 0; i < 30; i++) {
            again = JSON.readTree(EvilPlugins.invoke(server, ws, "evil.noanswer", Map.of("millis", 1), 5_000)
                    .body());
            if (again.path("status").asText().equals("ok")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertEquals(String.valueOf(again), "ok", again.path("status").asText());
        JsonNode host = EvilPlugins.host(server, plugin);
        assertNotEquals(host.toString(), pid, host.path("pid").asLong());
        assertTrue(host.toString(), host.path("restarts").asInt() >= 1);
    }

    @Test
    public void aToolThatNeverAnswersTimesOutCleanly() throws Exception {
        plugin = EvilPlugins.activate(server, ws, "noanswer");
        HttpResponse<String> answer = EvilPlugins.invoke(server, ws, "evil.noanswer", Map.of(), 1_500);
        assertFailedCleanly(answer);
        assertEquals(
                answer.body(),
                "timeout",
                JSON.readTree(answer.body()).path("error").path("code").asText());
        assertReady();
        assertAudited("evil.noanswer");
        // The next call still runs (the hung one holds nothing the next one needs).
        HttpResponse<String> quick = EvilPlugins.invoke(server, ws, "evil.noanswer", Map.of("millis", 1), 10_000);
        assertEquals(
                quick.body(), "ok", JSON.readTree(quick.body()).path("status").asText());
    }

    @Test
    public void aPluginFloodingStdoutLeavesTheServerUp() throws Exception {
        plugin = EvilPlugins.activate(server, ws, "stdoutflood");
        hostPid(); // in-process, 40 MB on the test JVM's stdout would corrupt the test harness's own channel
        HttpResponse<String> answer = EvilPlugins.invoke(server, ws, "evil.stdoutflood", Map.of("mb", 40), 14_000);
        assertFailedCleanly(answer);
        assertReady();
        assertAudited("evil.stdoutflood");
    }

    // --- helpers

    /** The plugin's host process; fails when the plugin has none (in-process: nothing to contain it). */
    private long hostPid() throws Exception {
        JsonNode host = EvilPlugins.host(server, plugin);
        for (int i = 0; i < 100 && host.path("pid").asLong(0) <= 0 && EvilPlugins.hosted(host); i++) {
            Thread.sleep(100);
            host = EvilPlugins.host(server, plugin);
        }
        long pid = host.path("pid").asLong(0);
        if (pid <= 0) {
            fail("plugin " + plugin + " has no host process (host = " + host + "): it runs in the server's JVM");
        }
        return pid;
    }

    /** A clean failure: an answer (not a hang), not {@code ok}, as a tool error or a problem, without a stack trace. */
    private static void assertFailedCleanly(HttpResponse<String> answer) throws Exception {
        String body = answer.body();
        assertTrue(body, answer.statusCode() == 200 || answer.statusCode() >= 500);
        JsonNode json = JSON.readTree(body);
        assertNotEquals(body, "ok", json.path("status").asText());
        assertTrue(body, json.has("error") || json.has("title"));
        assertTrue(body, !body.contains("\tat ") && !body.contains("Exception:"));
    }

    private void assertReady() {
        assertEquals(200, server.http().get("/health/ready").statusCode());
    }

    private void assertAudited(String tool) throws Exception {
        JsonNode records = EvilPlugins.audit(server, ws, tool);
        assertTrue(records.toString(), records.size() >= 1);
        assertEquals(
                records.toString(), "error", records.get(0).path("decision").asText());
    }
}
