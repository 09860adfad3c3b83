package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The agent API as the agent tests call it: the scripted model and the agent tools activated, priced and
 * enabled, agents with a script, conversations, messages that start runs, and the waits for a run's
 * state, its events and its audit records. The scripted model's steps are written as maps and sent in
 * the agent's instructions (see the plugin {@code io.portcullis.itest.plugin.scriptedmodel}).
 */
final class AgentApi {

    static final String MODEL = "io.portcullis.itest.plugin.scriptedmodel";
    static final String TOOLS = "io.portcullis.itest.plugin.agenttools";
    static final String PROFILE = "scripted";
    static final Set<String> TERMINAL =
            Set.of("completed", "handed_off", "failed", "cancelled", "budget_exhausted", "limit_reached", "expired");

    /** How long a run may take to reach the state a test waits for: a guard against a hang, not a measure. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerApi server;

    AgentApi(ServerApi server) {
        this.server = server;
    }

    ServerApi server() {
        return server;
    }

    /** Activates both test plugins (no scopes: they call nothing) and prices the scripted model at zero. */
    void activatePlugins() throws Exception {
        server.activate(MODEL, Provisioning.pluginJar(MODEL));
        server.activate(TOOLS, Provisioning.pluginJar(TOOLS));
        server.ok(
                "PUT",
                "/api/v1/model-prices",
                server.admin(),
                JSON.writeValueAsString(Map.of(
                        "plugin_id",
                        MODEL,
                        "model",
                        "scripted",
                        "input_micros_per_million",
                        0,
                        "output_micros_per_million",
                        0)));
    }

    /** A workspace with both plugins enabled, a budget that allows many calls, and the profile {@value #PROFILE}. */
    ServerApi.Workspace workspace(String name) throws Exception {
        ServerApi.Workspace ws = server.workspace(name);
        prepare(ws);
        return ws;
    }

    /** Enables both plugins in {@code ws}, sets a budget that allows many calls, and adds the profile {@value #PROFILE}. */
    void prepare(ServerApi.Workspace ws) throws Exception {
        server.enable(ws, MODEL);
        server.enable(ws, TOOLS);
        server.ok(
                "PUT",
                "/api/v1/workspaces/" + ws.id() + "/budget",
                ws.ownerKey(),
                JSON.writeValueAsString(Map.of(
                        "monthly_limit_micros",
                        10_000_000,
                        "calls_per_minute",
                        100_000,
                        "tokens_per_minute",
                        100_000_000)));
        created(send(
                ws,
                "POST",
                "/models",
                Map.of("name", PROFILE, "plugin", MODEL, "model", "scripted", "max_tokens", 512)));
    }

    /** Instructions that carry {@code steps} as the scripted model's script. */
    static String script(List<?> steps) throws Exception {
        return "You are a test agent. Answer briefly.\nSCRIPT: " + JSON.writeValueAsString(steps) + "\n";
    }

    static Map<String, Object> call(String tool, Map<String, ?> arguments) {
        return Map.of("tool", tool, "arguments", arguments);
    }

    static Map<String, Object> calls(Map<?, ?>... calls) {
        return Map.of("tool_calls", List.of(calls));
    }

    /** Creates an agent; {@code extra} adds or overrides fields of the body. Its JSON. */
    JsonNode agent(ServerApi.Workspace ws, String name, List<?> script, Map<String, ?> extra) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("instructions", script(script));
        body.put("model_profile", PROFILE);
        body.set("tools", JSON.valueToTree(List.of("page.read", "note.write", "record.delete")));
        body.setAll((ObjectNode) JSON.valueToTree(extra));
        return created(send(ws, "POST", "/agents", body));
    }

    String conversation(ServerApi.Workspace ws, String agentId) throws Exception {
        JsonNode conversation = created(send(ws, "POST", "/conversations", Map.of("agent_id", agentId)));
        assertEquals(
                conversation.toString(), "open", conversation.path("status").asText());
        return conversation.path("id").asText();
    }

    /** Posts a message as the workspace's owner (an operator: trusted) or as {@code customer}; the 202's body. */
    JsonNode post(ServerApi.Workspace ws, String conversationId, String content, String author) throws Exception {
        Map<String, Object> body =
                author == null ? Map.of("content", content) : Map.of("content", content, "author", author);
        HttpResponse<String> answer = send(ws, "POST", "/conversations/" + conversationId + "/messages", body);
        assertEquals(answer.body(), 202, answer.statusCode());
        JsonNode started = JSON.readTree(answer.body());
        String runId = started.path("run").path("id").asText();
        assertTrue(answer.body(), !runId.isEmpty());
        assertTrue(
                answer.headers().toString(),
                answer.headers().firstValue("Location").orElse("").endsWith("/runs/" + runId));
        return started;
    }

    /** Posts an operator message and answers the id of the run it started. */
    String start(ServerApi.Workspace ws, String conversationId, String content) throws Exception {
        return post(ws, conversationId, content, null).path("run").path("id").asText();
    }

    JsonNode run(ServerApi.Workspace ws, String runId) throws Exception {
        return server.ok("GET", path(ws, "/runs/" + runId), ws.ownerKey(), null);
    }

    /** Polls the run until its state satisfies {@code until}. */
    JsonNode await(ServerApi.Workspace ws, String runId, Predicate<String> until) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode run = run(ws, runId);
        while (!until.test(run.path("state").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " stayed " + run);
            }
            Thread.sleep(50);
            run = run(ws, runId);
        }
        return run;
    }

    /** Polls the run until it ended. */
    JsonNode awaitEnd(ServerApi.Workspace ws, String runId) throws Exception {
        return await(ws, runId, TERMINAL::contains);
    }

    /** Polls the run until it ended or waits for an approval. */
    JsonNode awaitSettled(ServerApi.Workspace ws, String runId) throws Exception {
        return await(ws, runId, s -> TERMINAL.contains(s) || s.equals("awaiting_approval"));
    }

    List<JsonNode> messages(ServerApi.Workspace ws, String conversationId) throws Exception {
        return items(server.ok(
                "GET", path(ws, "/conversations/" + conversationId + "/messages?limit=200"), ws.ownerKey(), null));
    }

    /** The messages of {@code runId} with {@code role}, oldest first. */
    List<JsonNode> messages(ServerApi.Workspace ws, String conversationId, String runId, String role) throws Exception {
        return messages(ws, conversationId).stream()
                .filter(m -> m.path("run_id").asText().equals(runId)
                        && m.path("role").asText().equals(role))
                .toList();
    }

    /** The scripted model's echo in {@code message}'s content, decoded: what the model was sent. */
    static JsonNode echo(JsonNode message) throws Exception {
        String content = message.path("content").asText();
        int at = content.indexOf("ECHO:");
        assertTrue("no echo in " + content, at >= 0);
        int end = at + 5;
        while (end < content.length() && isBase64(content.charAt(end))) {
            end++;
        }
        return JSON.readTree(
                new String(Base64.getDecoder().decode(content.substring(at + 5, end)), StandardCharsets.UTF_8));
    }

    private static boolean isBase64(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '/' || c == '=';
    }

    /** One server-sent event. */
    record Event(long id, String type, JsonNode data) {}

    /**
     * The run's events from the start, or after {@code lastEventId} when it is not null, read until the
     * stream ends (it ends after {@code run.end}).
     */
    List<Event> events(ServerApi.Workspace ws, String runId, String lastEventId) throws Exception {
        HttpRequest.Builder request = server.request(path(ws, "/runs/" + runId + "/events"), ws.ownerKey())
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> sent =
                server.http().client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        CompletableFuture<List<Event>> read = CompletableFuture.supplyAsync(() -> parse(response.body()));
        return read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static List<Event> parse(Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        long id = -1;
        String type = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (type != null) {
                    try {
                        events.add(new Event(id, type, JSON.readTree(data.toString())));
                    } catch (Exception e) {
                        throw new AssertionError("event data is not JSON: " + data, e);
                    }
                }
                type = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).strip());
            } else if (line.startsWith("event:")) {
                type = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        if (type != null) {
            try {
                events.add(new Event(id, type, JSON.readTree(data.toString())));
            } catch (Exception e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
        return events;
    }

    /** The workspace's audit records of {@code action} on {@code target} (null: any), oldest first. */
    List<JsonNode> audit(ServerApi.Workspace ws, String action, String target) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String query = "/audit?action=" + action + (target == null ? "" : "&target=" + target) + "&limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = server.ok("GET", path(ws, query), ws.ownerKey(), null);
            all.addAll(items(page));
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return all;
    }

    /** How many calls of {@code tool} ran in the workspace: its {@code tool.invoke} records that were allowed. */
    int executions(ServerApi.Workspace ws, String tool) throws Exception {
        return (int) audit(ws, "tool.invoke", "tool:" + tool).stream()
                .filter(r -> r.path("decision").asText().equals("allowed"))
                .count();
    }

    /** The review items of the workspace. */
    List<JsonNode> review(ServerApi.Workspace ws) throws Exception {
        return items(server.ok("GET", path(ws, "/review?limit=200"), ws.ownerKey(), null));
    }

    HttpResponse<String> send(ServerApi.Workspace ws, String method, String relative, Object body) throws Exception {
        return server.send(
                method, path(ws, relative), ws.ownerKey(), body == null ? null : JSON.writeValueAsString(body));
    }

    static String path(ServerApi.Workspace ws, String relative) {
        return "/api/v1/workspaces/" + ws.id() + relative;
    }

    static JsonNode created(HttpResponse<String> response) throws Exception {
        assertEquals(response.body(), 201, response.statusCode());
        return JSON.readTree(response.body());
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        return JSON.readTree(response.body());
    }

    static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
