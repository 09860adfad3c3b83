package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.model.testing.FakeModelServer;
import io.portcullis.model.testing.RecordedRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * Model calls end to end in a real framework: the shipped OpenAI-compatible and Anthropic provider
 * plugins granted {@code net.egress} and {@code vault.use} and running in their sandboxed hosts, a
 * loopback fake model server replaying recorded wire fixtures behind a platform private endpoint, and
 * the metered path in between. The workspace's key reaches the fake server and nothing else; an
 * unpriced model, an exhausted budget and a burst over the limit are refused before any request leaves
 * the server, each on the record; a provider without {@code net.egress} cannot call out at all.
 */
public abstract class ModelTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI = "io.portcullis.model.openai";
    private static final String ANTHROPIC = "io.portcullis.model.anthropic";
    private static final String NO_EGRESS = "io.portcullis.itest.plugin.modelnoegress";
    private static final String EGRESS_PID = "io.portcullis.egress";

    @Inject
    protected BundleContext context;

    private ServerApi server;
    private FakeModelServer models;
    private LogTap log;

    @Before
    public void setUp() throws Exception {
        server = ServerApi.ready(context);
        log = LogTap.install(context);
        models = FakeModelServer.start();
        server.activate(OPENAI, Path.of(System.getProperty("portcullis.model.openai")), "net.egress", "vault.use");
        server.activate(
                ANTHROPIC, Path.of(System.getProperty("portcullis.model.anthropic")), "net.egress", "vault.use");
        server.activate(NO_EGRESS, Provisioning.pluginJar(NO_EGRESS), "vault.use");
        String origin = "http://127.0.0.1:" + models.baseUri().getPort();
        grantPrivateEndpoints(origin, OPENAI, ANTHROPIC, NO_EGRESS);
    }

    @After
    public void tearDown() throws Exception {
        models.close();
        log.close();
    }

    @Test
    public void aStreamedCompletionIsMeteredAndTheKeyReachesOnlyTheModelServer() throws Exception {
        ServerApi.Workspace ws = server.workspace("Models");
        String secret = "sk-it-" + Long.toString(System.nanoTime(), 36) + "-never-shown";
        price(OPENAI, "gpt-it", 150_000, 600_000);
        budget(ws, 10_000_000, 60, 200_000);
        String credential = credential(ws, OPENAI, "bearer_token", secret);
        server.enable(ws, OPENAI);
        profile(
                ws,
                "assistant",
                OPENAI,
                "gpt-it",
                credential,
                models.baseUri("openai/plain").toString());

        List<String[]> events = stream(ws, "assistant", "Say hello. My card is 4111 1111 1111 1111.");
        String names = events.stream().map(e -> e[0]).collect(Collectors.joining(","));
        assertTrue(names, names.startsWith("delta"));
        assertTrue(names, names.endsWith("usage,done"));
        JsonNode done = JSON.readTree(events.get(events.size() - 1)[1]);
        assertEquals(
                done.toString(), "provider", done.path("usage").path("source").asText());
        assertTrue(done.toString(), done.path("cost_micros").asLong() > 0);

        // The key went to the model server, in the header the guard injected, and nowhere else.
        RecordedRequest sent = models.lastRequest();
        assertEquals("Bearer " + secret, sent.header("Authorization"));
        assertFalse("the prompt left the server redacted", sent.bodyText().contains("4111 1111 1111 1111"));
        assertFalse(events.toString(), events.toString().contains(secret));
        String records = server.send("GET", "/api/v1/workspaces/" + ws.id() + "/audit/export", ws.ownerKey(), null)
                .body();
        assertTrue(records, records.contains("model.invoke"));
        assertFalse(records.contains(secret));
        assertFalse(log.lines().stream().anyMatch(line -> line.contains(secret)));

        // Paid for: the usage of the period shows what the call cost.
        JsonNode usage = server.ok("GET", "/api/v1/workspaces/" + ws.id() + "/usage", ws.ownerKey(), null);
        assertEquals(
                usage.toString(),
                done.path("cost_micros").asLong(),
                usage.path("spent_micros").asLong());
    }

    @Test
    public void anAnthropicToolCallArrivesInFragmentsAndParsesWhole() throws Exception {
        ServerApi.Workspace ws = server.workspace("Claude");
        price(ANTHROPIC, "claude-it", 300_000, 1_500_000);
        budget(ws, 10_000_000, 60, 200_000);
        String credential = credential(ws, ANTHROPIC, "api_key", "sk-ant-it-" + System.nanoTime());
        server.enable(ws, ANTHROPIC);
        profile(
                ws,
                "claude",
                ANTHROPIC,
                "claude-it",
                credential,
                models.baseUri("anthropic/tool-args-split").toString());

        HttpResponse<String> answer = complete(ws, "claude", "What is the weather in Paris?", true);
        assertEquals(answer.body(), 200, answer.statusCode());
        JsonNode call = JSON.readTree(answer.body()).path("tool_calls").path(0);
        assertTrue(answer.body(), call.path("arguments").isObject());
        assertTrue(answer.body(), call.path("arguments").size() > 0);
        assertTrue(models.lastRequest().header("X-API-Key") != null);
    }

    @Test
    public void unpricedExhaustedAndBurstCallsAreRefusedBeforeAnythingLeaves() throws Exception {
        ServerApi.Workspace ws = server.workspace("Refusals");
        String credential = credential(ws, OPENAI, "bearer_token", "sk-it-refusals");
        server.enable(ws, OPENAI);
        String base = models.baseUri("openai/plain").toString();
        profile(ws, "unpriced", OPENAI, "gpt-unpriced", credential, base);
        price(OPENAI, "gpt-dear", 100_000_000, 100_000_000);
        profile(ws, "dear", OPENAI, "gpt-dear", credential, base);
        price(OPENAI, "gpt-cheap", 0, 0);
        profile(ws, "cheap", OPENAI, "gpt-cheap", credential, base);
        budget(ws, 1_000, 1, 200_000);
        int before = models.requests().size();

        assertEquals(409, complete(ws, "unpriced", "hi", false).statusCode());
        HttpResponse<String> broke = complete(ws, "dear", "hi", false);
        assertEquals(broke.body(), 402, broke.statusCode());
        assertEquals(200, complete(ws, "cheap", "hi", false).statusCode());
        HttpResponse<String> burst = complete(ws, "cheap", "hi", false);
        assertEquals(burst.body(), 429, burst.statusCode());
        assertTrue(burst.headers().firstValue("Retry-After").isPresent());
        assertEquals(
                "only the allowed call reached the model server",
                before + 1,
                models.requests().size());

        JsonNode refused = server.ok(
                "GET", "/api/v1/workspaces/" + ws.id() + "/audit?action=model.refused&limit=50", ws.ownerKey(), null);
        assertEquals(refused.toString(), 3, refused.path("items").size());
    }

    @Test
    public void aProviderWithoutNetEgressCannotCallOut() throws Exception {
        ServerApi.Workspace ws = server.workspace("No egress");
        price(NO_EGRESS, "any", 0, 0);
        server.enable(ws, NO_EGRESS);
        profile(
                ws,
                "sneaky",
                NO_EGRESS,
                "any",
                null,
                models.baseUri("openai/plain").toString());
        int before = models.requests().size();

        HttpResponse<String> answer = complete(ws, "sneaky", "hi", false);
        assertEquals(answer.body(), 502, answer.statusCode());
        assertTrue(answer.body(), answer.body().contains("net.egress"));
        assertEquals(
                "nothing reached the model server", before, models.requests().size());
    }

    // --- helpers

    private List<String[]> stream(ServerApi.Workspace ws, String profile, String text) throws Exception {
        HttpRequest request = server.request("/api/v1/workspaces/" + ws.id() + "/completions", ws.ownerKey())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body(profile, text)))
                .build();
        HttpResponse<java.util.stream.Stream<String>> response =
                server.http().client().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String[]> events = new ArrayList<>();
        String name = null;
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ") && name != null) {
                events.add(new String[] {name, line.substring(6)});
                name = null;
            }
        }
        return events;
    }

    private HttpResponse<String> complete(ServerApi.Workspace ws, String profile, String text, boolean ok)
            throws Exception {
        HttpResponse<String> response = server.send(
                "POST", "/api/v1/workspaces/" + ws.id() + "/completions", ws.ownerKey(), body(profile, text));
        if (ok) {
            assertEquals(response.body(), 200, response.statusCode());
        }
        return response;
    }

    private static String body(String profile, String text) throws Exception {
        return JSON.writeValueAsString(Map.of(
                "model", profile, "messages", List.of(Map.of("role", "user", "content", text)), "max_tokens", 256));
    }

    private void price(String plugin, String model, long inputMicrosPerMillion, long outputMicrosPerMillion)
            throws Exception {
        server.ok(
                "PUT",
                "/api/v1/model-prices",
                server.admin(),
                JSON.writeValueAsString(Map.of(
                        "plugin_id",
                        plugin,
                        "model",
                        model,
                        "input_micros_per_million",
                        inputMicrosPerMillion,
                        "output_micros_per_million",
                        outputMicrosPerMillion)));
    }

    private void budget(ServerApi.Workspace ws, long limitMicros, int callsPerMinute, int tokensPerMinute)
            throws Exception {
        server.ok(
                "PUT",
                "/api/v1/workspaces/" + ws.id() + "/budget",
                ws.ownerKey(),
                JSON.writeValueAsString(Map.of(
                        "monthly_limit_micros",
                        limitMicros,
                        "calls_per_minute",
                        callsPerMinute,
                        "tokens_per_minute",
                        tokensPerMinute)));
    }

    private void profile(
            ServerApi.Workspace ws, String name, String plugin, String model, String credential, String baseUrl)
            throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("name", name, "plugin", plugin, "model", model, "base_url", baseUrl, "max_tokens", 256));
        if (credential != null) {
            body.put("credential", credential);
        }
        HttpResponse<String> created = server.send(
                "POST", "/api/v1/workspaces/" + ws.id() + "/models", ws.ownerKey(), JSON.writeValueAsString(body));
        assertEquals(created.body(), 201, created.statusCode());
    }

    private String credential(ServerApi.Workspace ws, String plugin, String kind, String secret) throws Exception {
        HttpResponse<String> created = server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/credentials",
                ws.ownerKey(),
                JSON.writeValueAsString(Map.of(
                        "name", "model key", "kind", kind, "value", secret, "allowed_hosts", List.of("127.0.0.1"))));
        assertEquals(created.body(), 201, created.statusCode());
        String id = JSON.readTree(created.body()).path("id").asText();
        assertEquals(
                204,
                server.send(
                                "PUT",
                                "/api/v1/workspaces/" + ws.id() + "/credentials/" + id + "/bindings/" + plugin,
                                ws.ownerKey(),
                                null)
                        .statusCode());
        return id;
    }

    /** Grants {@code origin} to each of {@code plugins} in the egress configuration and waits until loaded. */
    private void grantPrivateEndpoints(String origin, String... plugins) throws Exception {
        Path config = Path.of(context.getProperty("felix.fileinstall.dir"), EGRESS_PID + ".cfg");
        String grants =
                java.util.Arrays.stream(plugins).map(p -> p + "=" + origin).collect(Collectors.joining(", "));
        Files.writeString(config, "privateEndpoints = " + grants + "\n");
        long deadline = System.nanoTime() + ServerApi.READY.toNanos();
        for (String plugin : plugins) {
            while (!server.ok("GET", "/api/v1/plugins/" + plugin, server.admin(), null)
                    .path("private_endpoints")
                    .toString()
                    .contains(origin)) {
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError(
                            "the guard did not load " + grants + "; " + EgressDiagnosis.of(context, config));
                }
                Thread.sleep(100);
            }
        }
    }
}
