package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * Tool calls end to end in a real framework: the shipped http.fetch plugin uploaded, granted, enabled
 * and bound to a credential, calling a server on the loopback address through the egress guard. No
 * workspace setting opens the server's own machine: {@code private_cidrs} refuses loopback, and the
 * server's own API stays closed; the echo server's exact origin is a platform private endpoint granted
 * to the plugin in the egress configuration. The server then receives the injected credential, the
 * plugin gets the response scrubbed of it, the result comes back redacted and marked untrusted, and
 * each attempt is one audit record. Read-only mode, approvals (also under concurrent approvers) and a
 * hanging plugin complete the picture.
 */
public abstract class ToolTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTP = "io.portcullis.tool.http";
    private static final String SLEEPER = "io.portcullis.itest.plugin.sleeper";
    private static final String EGRESS_PID = "io.portcullis.egress";

    @Inject
    protected BundleContext context;

    private ServerApi server;
    private EchoServer echo;

    @Before
    public void setUp() throws Exception {
        server = ServerApi.ready(context);
        echo = new EchoServer();
        server.activate(HTTP, Path.of(System.getProperty("portcullis.tool.http")), "net.egress", "vault.use");
        grantPrivateEndpoint(HTTP, "http://127.0.0.1:" + echo.port());
    }

    @After
    public void tearDown() throws Exception {
        echo.close();
    }

    @Test
    public void aCallPassesEveryCheckAndTheSecretNeverReachesThePlugin() throws Exception {
        ServerApi.Workspace ws = server.workspace("Tools");
        String secret = "tok-" + Long.toString(System.nanoTime(), 36) + "-never-in-a-result";
        String credential = credential(ws, secret);
        String url = "http://127.0.0.1:" + echo.port() + "/echo";

        // Not enabled in this workspace: the tool does not exist here.
        assertEquals(404, invoke(ws, "http.fetch", Map.of("url", url)).statusCode());
        server.enable(ws, HTTP);
        JsonNode tools =
                JSON.readTree(server.send("GET", "/api/v1/workspaces/" + ws.id() + "/tools", ws.ownerKey(), null)
                        .body());
        assertTrue(tools.toString(), tools.toString().contains("\"name\":\"http.fetch\""));

        // No workspace setting opens the host: loopback in private_cidrs is refused naming the range, and
        // the server's own API stays closed to the plugin (its grant is for the echo origin only).
        HttpResponse<String> loopback = server.send(
                "PATCH",
                "/api/v1/workspaces/" + ws.id() + "/policy",
                ws.ownerKey(),
                "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"127.0.0.0/8\"]}}");
        assertEquals(loopback.body(), 400, loopback.statusCode());
        assertTrue(loopback.body(), loopback.body().contains("loopback 127.0.0.0/8"));
        String ownApi =
                "http://127.0.0.1:" + context.getProperty(Provisioning.HTTP_PORT) + "/api/v1/workspaces/" + ws.id();
        HttpResponse<String> refused = invoke(ws, "http.fetch", Map.of("url", ownApi, "credential", credential));
        assertTrue(refused.body(), refused.body().contains("loopback"));
        assertFalse(refused.body(), refused.body().contains("\"status\":\"ok\""));
        assertTrue(echo.received().isEmpty());

        String callId = "it-call-" + Long.toString(System.nanoTime(), 36);
        JsonNode answer = ok(server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/tools/http.fetch/invocations",
                ws.ownerKey(),
                JSON.writeValueAsString(Map.of("arguments", Map.of("url", url, "credential", credential))),
                callId));
        assertEquals(answer.toString(), "ok", answer.path("status").asText());
        JsonNode result = answer.path("result");
        assertTrue(result.path("untrusted").asBoolean());
        assertEquals("http.fetch", result.path("provenance").path("tool").asText());
        assertEquals(1, echo.received().size());
        assertEquals(
                "the server got the injected credential",
                "Bearer " + secret,
                echo.received().get(0).authorization());
        assertEquals(200, result.path("content").path("status").asInt());
        assertFalse("the secret never comes back: " + answer, answer.toString().contains(secret));
        assertTrue(
                answer.toString(), result.path("content").path("body").asText().contains("REDACTED"));

        // Each attempt is exactly one record on the workspace's chain, never with the secret.
        String records = server.send(
                        "GET",
                        "/api/v1/workspaces/" + ws.id() + "/audit?action=tool.invoke&limit=50",
                        ws.ownerKey(),
                        null)
                .body();
        assertEquals(records, 3, JSON.readTree(records).path("items").size());
        assertFalse(records.contains(secret));

        // The value was opened for this call: its credential.use record carries the call's request id.
        JsonNode uses = server.ok(
                        "GET",
                        "/api/v1/workspaces/" + ws.id() + "/audit?action=credential.use&limit=50",
                        ws.ownerKey(),
                        null)
                .path("items");
        boolean named = false;
        for (JsonNode use : uses) {
            named |= callId.equals(use.path("request_id").asText());
        }
        assertTrue(uses.toString(), named);
    }

    @Test
    public void readOnlyModeRefusesAPostButNotAGet() throws Exception {
        ServerApi.Workspace ws = server.workspace("Read-only");
        server.enable(ws, HTTP);
        policy(ws, "{\"read_only\":true}");
        String url = "http://127.0.0.1:" + echo.port() + "/items";

        assertEquals(
                409,
                invoke(ws, "http.fetch", Map.of("url", url, "method", "POST", "body", "{}"))
                        .statusCode());
        assertEquals(
                "ok",
                ok(invoke(ws, "http.fetch", Map.of("url", url))).path("status").asText());
        assertEquals(
                List.of("GET"),
                echo.received().stream().map(EchoServer.Received::method).toList());
    }

    @Test
    public void aWriteWaitsForAnApprovalThatExecutesOnceUnderConcurrentApprovers() throws Exception {
        ServerApi.Workspace ws = server.workspace("Approvals");
        server.enable(ws, HTTP);
        policy(ws, "{\"read_only\":false}");
        String url = "http://127.0.0.1:" + echo.port() + "/items";

        HttpResponse<String> waiting =
                invoke(ws, "http.fetch", Map.of("url", url, "method", "POST", "body", "{\"n\":1}"));
        assertEquals(waiting.body(), 202, waiting.statusCode());
        String approval = JSON.readTree(waiting.body()).path("approval_id").asText();
        assertTrue(echo.received().isEmpty());

        ExecutorService approvers = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(approvers.submit(() -> server.send(
                        "POST",
                        "/api/v1/workspaces/" + ws.id() + "/approvals/" + approval + "/approve",
                        ws.ownerKey(),
                        null)));
            }
            int approved = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                int status = answer.get().statusCode();
                assertTrue(answer.get().body(), status == 200 || status == 409);
                approved += status == 200 ? 1 : 0;
            }
            assertEquals("exactly one approver wins", 1, approved);
        } finally {
            approvers.shutdownNow();
        }
        assertEquals("the call executed once", 1, echo.received().size());
        JsonNode done = JSON.readTree(
                server.send("GET", "/api/v1/workspaces/" + ws.id() + "/approvals/" + approval, ws.ownerKey(), null)
                        .body());
        assertEquals(done.toString(), "executed", done.path("status").asText());
    }

    @Test
    public void aHangingPluginTimesOutAndTheNextCallStillRuns() throws Exception {
        server.activate(SLEEPER, Provisioning.pluginJar(SLEEPER));
        ServerApi.Workspace ws = server.workspace("Sleepy");
        server.enable(ws, SLEEPER);

        long start = System.nanoTime();
        JsonNode hung = ok(server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/tools/itest.sleep/invocations",
                ws.ownerKey(),
                "{\"arguments\":{\"millis\":60000},\"timeout_ms\":1000}"));
        assertEquals(hung.toString(), "timeout", hung.path("error").path("code").asText());
        assertTrue("answered at the deadline, not after the sleep", System.nanoTime() - start < 20_000_000_000L);

        JsonNode quick = ok(invoke(ws, "itest.sleep", Map.of("millis", 1)));
        assertEquals(quick.toString(), "ok", quick.path("status").asText());
    }

    @Test
    public void aPrivateEndpointIsShownOnThePluginAndOnThePlatformChain() throws Exception {
        String origin = "http://127.0.0.1:" + echo.port();
        JsonNode plugin = server.ok("GET", "/api/v1/plugins/" + HTTP, server.admin(), null);
        assertEquals(
                plugin.toString(),
                "[\"" + origin + "\"]",
                plugin.path("private_endpoints").toString());

        JsonNode records =
                server.ok("GET", "/api/v1/audit?action=egress.private_endpoints&limit=100", server.admin(), null);
        boolean found = false;
        for (JsonNode record : records.path("items")) {
            found |= record.toString().contains("plugin:" + HTTP)
                    && record.toString().contains(origin);
        }
        assertTrue(records.toString(), found);

        // Intranet ranges stay a workspace's to open; the host's never.
        ServerApi.Workspace ws = server.workspace("Intranet");
        policy(ws, "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"10.1.0.0/16\",\"fd00::/8\"]}}");
        for (String cidr : List.of("::1/128", "169.254.169.254/32", "0.0.0.0/0", "10.1.0.1/16")) {
            HttpResponse<String> refused = server.send(
                    "PATCH",
                    "/api/v1/workspaces/" + ws.id() + "/policy",
                    ws.ownerKey(),
                    "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"" + cidr + "\"]}}");
            assertEquals(cidr + ": " + refused.body(), 400, refused.statusCode());
            assertTrue(refused.body(), refused.body().contains("egress.private_cidrs[0]"));
        }
    }

    // --- helpers

    /**
     * Grants {@code origin} to {@code plugin} as a platform administrator does, in the egress configuration
     * file, and waits until the plugin API shows the grant (the guard has reloaded it). If it never does,
     * the failure says where the edit stopped: FileInstall, ConfigurationAdmin, DS or the guard.
     */
    private void grantPrivateEndpoint(String plugin, String origin) throws Exception {
        Path config = Path.of(context.getProperty("felix.fileinstall.dir"), EGRESS_PID + ".cfg");
        Files.writeString(config, "privateEndpoints = " + plugin + "=" + origin + "\n");
        long deadline = System.nanoTime() + ServerApi.READY.toNanos();
        while (!server.ok("GET", "/api/v1/plugins/" + plugin, server.admin(), null)
                .path("private_endpoints")
                .toString()
                .contains(origin)) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("the guard did not load the private endpoint " + plugin + "=" + origin
                        + " within " + ServerApi.READY.toSeconds() + " s; " + EgressDiagnosis.of(context, config));
            }
            Thread.sleep(100);
        }
    }

    /** Changes only the fields {@code body} names (a merge patch): the rest of the policy stays. */
    private void policy(ServerApi.Workspace ws, String body) throws Exception {
        server.ok("PATCH", "/api/v1/workspaces/" + ws.id() + "/policy", ws.ownerKey(), body);
    }

    private String credential(ServerApi.Workspace ws, String secret) throws Exception {
        HttpResponse<String> created = server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/credentials",
                ws.ownerKey(),
                JSON.writeValueAsString(Map.of(
                        "name",
                        "echo",
                        "kind",
                        "bearer_token",
                        "value",
                        secret,
                        "allowed_hosts",
                        List.of("127.0.0.1"))));
        assertEquals(created.body(), 201, created.statusCode());
        String id = JSON.readTree(created.body()).path("id").asText();
        assertEquals(
                204,
                server.send(
                                "PUT",
                                "/api/v1/workspaces/" + ws.id() + "/credentials/" + id + "/bindings/" + HTTP,
                                ws.ownerKey(),
                                null)
                        .statusCode());
        return id;
    }

    private HttpResponse<String> invoke(ServerApi.Workspace ws, String tool, Map<String, Object> arguments)
            throws Exception {
        return server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/tools/" + tool + "/invocations",
                ws.ownerKey(),
                JSON.writeValueAsString(Map.of("arguments", arguments)));
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(response.body(), 200, response.statusCode());
        return JSON.readTree(response.body());
    }
}
