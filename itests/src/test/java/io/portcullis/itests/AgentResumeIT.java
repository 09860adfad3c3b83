package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.Test;

/**
 * A run survives the death of its server: the built distribution runs an agent whose scripted model
 * calls a tool and then thinks for a while; the server is killed with SIGKILL while the model thinks,
 * started again, and once the dead node's short lease expired the run is resumed from its last persisted
 * step and completes, its tool call executed exactly once (one {@code tool.invoke} record).
 */
public class AgentResumeIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = AgentApi.MODEL;
    private static final String TOOLS = AgentApi.TOOLS;

    private int port;
    private Http http;
    private String admin;

    @Test
    public void aRunKilledMidwayResumesAfterRestartAndRunsItsToolOnce() throws Exception {
        port = Provisioning.freePort();
        http = new Http(port);
        Map<String, String> env = Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port));
        try (ServerProcess server = new ServerProcess()) {
            // A short lease, so that the restarted node takes the run over soon.
            Files.writeString(
                    server.home.resolve("config/io.portcullis.agent.cfg"), "leaseSeconds = 5\nsweepSeconds = 1\n");
            server.start(env);
            http.await("/health/ready", 200, START);
            admin = Files.readString(server.home.resolve("data/admin.key")).strip();

            for (String plugin : List.of(MODEL, TOOLS)) {
                HttpResponse<String> uploaded = http.send(authorized("/api/v1/plugins", admin)
                        .header("Content-Type", "application/java-archive")
                        .POST(HttpRequest.BodyPublishers.ofFile(Provisioning.pluginJar(plugin))));
                assertEquals(uploaded.body(), 201, uploaded.statusCode());
                assertTrue(ok("POST", "/api/v1/plugins/" + plugin + "/grant", admin, Map.of("scopes", List.of()))
                        .toString()
                        .contains("\"status\":\"active\""));
            }
            ok(
                    "PUT",
                    "/api/v1/model-prices",
                    admin,
                    Map.of(
                            "plugin_id",
                            MODEL,
                            "model",
                            "scripted",
                            "input_micros_per_million",
                            0,
                            "output_micros_per_million",
                            0));
            JsonNode workspace =
                    created("/api/v1/workspaces", admin, Map.of("name", "Resume", "owner", Map.of("name", "Ada")));
            String ws = "/api/v1/workspaces/"
                    + workspace.path("workspace").path("id").asText();
            String owner = workspace.path("api_key").path("key").asText();
            ok("PUT", ws + "/plugins/" + MODEL, owner, null);
            ok("PUT", ws + "/plugins/" + TOOLS, owner, null);
            ok(
                    "PUT",
                    ws + "/budget",
                    owner,
                    Map.of(
                            "monthly_limit_micros",
                            1_000_000,
                            "calls_per_minute",
                            1000,
                            "tokens_per_minute",
                            1_000_000));
            created(
                    ws + "/models",
                    owner,
                    Map.of("name", "scripted", "plugin", MODEL, "model", "scripted", "max_tokens", 256));
            JsonNode agent = created(
                    ws + "/agents",
                    owner,
                    Map.of(
                            "name",
                            "survivor",
                            "instructions",
                            AgentApi.script(List.of(
                                    AgentApi.calls(AgentApi.call("page.read", Map.of("text", "read me once"))),
                                    Map.of("sleep_ms", 4_000, "text", "finished"))),
                            "model_profile",
                            "scripted",
                            "tools",
                            List.of("page.read")));
            String conversation = created(
                            ws + "/conversations",
                            owner,
                            Map.of("agent_id", agent.path("id").asText()))
                    .path("id")
                    .asText();
            HttpResponse<String> posted = send(
                    "POST",
                    ws + "/conversations/" + conversation + "/messages",
                    owner,
                    Map.of("content", "Read and think."));
            assertEquals(posted.body(), 202, posted.statusCode());
            String runId = JSON.readTree(posted.body()).path("run").path("id").asText();
            String toolRecords = ws + "/audit?action=tool.invoke&target=tool:page.read";

            // The tool ran and the model now thinks for seconds (its step started): the server dies.
            String steps = ws + "/runs/" + runId + "/steps";
            await(() -> ok("GET", steps, owner, null), AgentResumeIT::thinkingAfterTheTool);
            assertEquals(1, ok("GET", toolRecords, owner, null).path("items").size());
            server.kill();

            server.start(env);
            http.await("/health/ready", 200, START);
            JsonNode run = await(
                    () -> ok("GET", ws + "/runs/" + runId, owner, null),
                    r -> AgentApi.TERMINAL.contains(r.path("state").asText()));
            assertEquals(
                    run.toString() + "\n" + server.output(),
                    "completed",
                    run.path("state").asText());
            assertEquals(
                    "the tool call ran exactly once",
                    1,
                    ok("GET", toolRecords, owner, null).path("items").size());
            int interrupted = 0;
            int tools = 0;
            for (JsonNode step : ok("GET", steps, owner, null).path("items")) {
                interrupted += step.path("kind").asText().equals("model")
                                && step.path("state").asText().equals("interrupted")
                        ? 1
                        : 0;
                tools += step.path("kind").asText().equals("tool") ? 1 : 0;
            }
            assertEquals("the model call the kill cut is on the record as interrupted", 1, interrupted);
            assertEquals("one tool step", 1, tools);
            JsonNode messages = ok("GET", ws + "/conversations/" + conversation + "/messages", owner, null);
            boolean finished = false;
            for (JsonNode message : messages.path("items")) {
                finished |= message.path("role").asText().equals("assistant")
                        && message.path("content").asText().equals("finished");
            }
            assertTrue(messages.toString(), finished);
            assertEquals("exit code after SIGTERM", 0, server.terminate(Duration.ofSeconds(30)));
        }
    }

    /** The tool step is done and the model step after it has started (the model is thinking). */
    private static boolean thinkingAfterTheTool(JsonNode steps) {
        boolean toolDone = false;
        for (JsonNode step : steps.path("items")) {
            if (step.path("kind").asText().equals("tool")) {
                toolDone = step.path("state").asText().equals("done");
            } else if (toolDone
                    && step.path("kind").asText().equals("model")
                    && step.path("state").asText().equals("started")) {
                return true;
            }
        }
        return false;
    }

    private JsonNode await(ThrowingSupplier<JsonNode> poll, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + RUN.toNanos();
        JsonNode last = poll.get();
        while (!until.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + last);
            }
            Thread.sleep(50);
            last = poll.get();
        }
        return last;
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private JsonNode ok(String method, String path, String key, Object body) throws Exception {
        HttpResponse<String> response = send(method, path, key, body);
        assertTrue(response.body(), response.statusCode() == 200 || response.statusCode() == 204);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private JsonNode created(String path, String key, Object body) throws Exception {
        HttpResponse<String> response = send("POST", path, key, body);
        assertEquals(response.body(), 201, response.statusCode());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String key, Object body) throws Exception {
        HttpRequest.Builder request = authorized(path, key);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request);
    }

    private HttpRequest.Builder authorized(String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key);
    }
}
