package io.portcullis.models.internal.profiles;

import static io.portcullis.web.testing.FakeRequest.problem;
import static io.portcullis.web.testing.FakeRequest.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.models.testing.FakeEgress;
import io.portcullis.models.testing.FakePolicy;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.testing.FakeRequest;
import io.portcullis.web.testing.TestCaller;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Model profiles through their routes against a real database: H2 and PostgreSQL (with row-level security) alike. */
abstract class ProfilesContract {

    static final String WS = "ws-a";
    static final String OTHER_WS = "ws-b";
    static final String PLUGIN = "io.portcullis.model.openai";

    TestDatabase db;
    ProfileStore store;
    FakePolicy policy;
    FakeEgress egress;
    RecordingAuditLog audit;
    ProfileRoutes routes;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = database();
        store = new ProfileStore(db.database, Clock.systemUTC());
        policy = new FakePolicy();
        egress = new FakeEgress();
        audit = new RecordingAuditLog();
        routes = new ProfileRoutes(store, policy, egress, audit);
    }

    static String body(String name, String extra) {
        return "{\"name\": \"" + name + "\", \"plugin\": \"" + PLUGIN + "\", \"model\": \"gpt-4o-mini\"" + extra + "}";
    }

    static FakeRequest request(
            HttpMethod method, String ws, Map<String, String> path, Map<String, String> query, String json) {
        Map<String, String> all = new HashMap<>(path);
        all.put("ws", ws);
        return new FakeRequest(method, TestCaller.member(ws), all, query, json);
    }

    JsonNode create(String ws, String json) throws Exception {
        ApiResponse response = routes.create(request(HttpMethod.POST, ws, Map.of(), Map.of(), json));
        assertThat(response.status()).isEqualTo(201);
        JsonNode created = tree(response);
        assertThat(response.headers().get("Location"))
                .isEqualTo("/api/v1/workspaces/" + ws + "/models/"
                        + created.get("id").asText());
        return created;
    }

    List<AuditEvent> records(String action) {
        return audit.events.stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void aProfileIsCreatedReadAndRecorded() throws Exception {
        JsonNode created = create(
                WS,
                body(
                        "fast",
                        ", \"credential\": \"0123456789abcdef01234567\", \"base_url\": \"https://llm.example.com/v1\","
                                + " \"max_tokens\": 2048"));

        assertThat(created.get("name").asText()).isEqualTo("fast");
        assertThat(created.get("plugin").asText()).isEqualTo(PLUGIN);
        assertThat(created.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(created.get("credential").asText()).isEqualTo("0123456789abcdef01234567");
        assertThat(created.get("base_url").asText()).isEqualTo("https://llm.example.com/v1");
        assertThat(created.get("max_tokens").asInt()).isEqualTo(2048);
        String id = created.get("id").asText();
        JsonNode read = tree(routes.get(request(HttpMethod.GET, WS, Map.of("id", id), Map.of(), "")));
        assertThat(read).isEqualTo(created);
        assertThat(store.byName(WS, "fast")).isPresent();
        assertThat(records("model.profile.create")).singleElement().satisfies(e -> {
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
            assertThat(e.workspaceId()).isEqualTo(WS);
        });
    }

    @Test
    void maxTokensDefaultsAndCredentialAndBaseUrlAreOptional() throws Exception {
        JsonNode created = create(WS, body("plain", ""));
        assertThat(created.get("max_tokens").asInt()).isEqualTo(ProfileRoutes.DEFAULT_MAX_TOKENS);
        assertThat(created.get("credential").isNull()).isTrue();
        assertThat(created.get("base_url").isNull()).isTrue();
    }

    @Test
    void theListPagesById() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            create(WS, body(name, ""));
        }
        create(OTHER_WS, body("theirs", ""));
        JsonNode first = tree(routes.list(request(HttpMethod.GET, WS, Map.of(), Map.of("limit", "2"), "")));
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("next_cursor").asText();
        JsonNode second =
                tree(routes.list(request(HttpMethod.GET, WS, Map.of(), Map.of("limit", "2", "cursor", cursor), "")));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("next_cursor").isNull()).isTrue();
        assertThat(List.of(
                        first.get("items").get(0).get("name").asText(),
                        first.get("items").get(1).get("name").asText(),
                        second.get("items").get(0).get("name").asText()))
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aNameIsUniqueInItsWorkspaceOnly() throws Exception {
        create(WS, body("fast", ""));
        ProblemException taken =
                problem(() -> routes.create(request(HttpMethod.POST, WS, Map.of(), Map.of(), body("fast", ""))));
        assertThat(taken.status()).isEqualTo(409);
        create(OTHER_WS, body("fast", ""));
        assertThat(records("model.profile.create"))
                .extracting(AuditEvent::decision)
                .containsExactly(Decision.ALLOWED, Decision.DENIED, Decision.ALLOWED);
    }

    @Test
    void anotherWorkspacesProfileIsNotFoundForEveryVerb() throws Exception {
        String id = create(WS, body("fast", "")).get("id").asText();
        Map<String, String> path = Map.of("id", id);

        assertThat(problem(() -> routes.get(request(HttpMethod.GET, OTHER_WS, path, Map.of(), "")))
                        .status())
                .isEqualTo(404);
        assertThat(problem(() -> routes.update(request(HttpMethod.PUT, OTHER_WS, path, Map.of(), body("x", ""))))
                        .status())
                .isEqualTo(404);
        assertThat(problem(() -> routes.delete(request(HttpMethod.DELETE, OTHER_WS, path, Map.of(), "")))
                        .status())
                .isEqualTo(404);
        // a caller of another workspace naming this one in the path
        FakeRequest crossing =
                new FakeRequest(HttpMethod.GET, TestCaller.member(OTHER_WS), Map.of("ws", WS, "id", id), Map.of(), "");
        assertThat(problem(() -> routes.get(crossing)).status()).isEqualTo(404);
        assertThat(store.get(WS, id)).get().satisfies(p -> assertThat(p.name()).isEqualTo("fast"));
    }

    @Test
    void anUpdateReplacesTheFieldsAndADeleteRemovesTheProfile() throws Exception {
        String id = create(WS, body("fast", "")).get("id").asText();
        create(WS, body("taken", ""));
        Map<String, String> path = Map.of("id", id);

        JsonNode updated = tree(
                routes.update(request(HttpMethod.PUT, WS, path, Map.of(), body("faster", ", \"max_tokens\": 10"))));
        assertThat(updated.get("name").asText()).isEqualTo("faster");
        assertThat(updated.get("max_tokens").asInt()).isEqualTo(10);
        assertThat(problem(() -> routes.update(request(HttpMethod.PUT, WS, path, Map.of(), body("taken", ""))))
                        .status())
                .isEqualTo(409);

        assertThat(routes.delete(request(HttpMethod.DELETE, WS, path, Map.of(), ""))
                        .status())
                .isEqualTo(204);
        assertThat(store.get(WS, id)).isEmpty();
        assertThat(problem(() -> routes.delete(request(HttpMethod.DELETE, WS, path, Map.of(), "")))
                        .status())
                .isEqualTo(404);
        assertThat(records("model.profile.update"))
                .extracting(AuditEvent::decision)
                .containsExactly(Decision.ALLOWED, Decision.DENIED);
        assertThat(records("model.profile.delete"))
                .extracting(AuditEvent::decision)
                .containsExactly(Decision.ALLOWED, Decision.DENIED);
    }

    @Test
    void badFieldsAreRefusedWithoutEchoingThemAndRecorded() throws Exception {
        String[] bad = {
            body("Upper", ""),
            body("-dash", ""),
            body("a".repeat(65), ""),
            body("fake-live-secret", ""),
            body("ok", ", \"max_tokens\": 0"),
            body("ok", ", \"max_tokens\": 200001"),
            body("ok", ", \"credential\": \"not-an-id\""),
            body("ok", ", \"base_url\": \"ftp://llm.example.com\""),
            body("ok", ", \"base_url\": \"https://user:pw@llm.example.com\""),
            "{\"name\": \"ok\", \"plugin\": \"" + PLUGIN + "\"}",
            "{\"name\": \"ok\", \"model\": \"m\"}",
            body("ok", ", \"colour\": \"blue\""),
        };
        for (String json : bad) {
            ProblemException refused =
                    problem(() -> routes.create(request(HttpMethod.POST, WS, Map.of(), Map.of(), json)));
            assertThat(refused.status()).as(json).isEqualTo(400);
            assertThat(refused.detail()).as(json).doesNotContain("fake-live-secret", "Upper", "pw@");
        }
        assertThat(store.list(WS, new io.portcullis.web.PageRequest(10, "")).items())
                .isEmpty();
        assertThat(records("model.profile.create"))
                .hasSize(bad.length)
                .allSatisfy(e -> assertThat(e.decision()).isEqualTo(Decision.DENIED));
    }

    @Test
    void aBaseUrlIsCheckedByTheWorkspacesEgressRulesForThePlugin() throws Exception {
        policy.allowHosts(WS, List.of("llm.example.com"));
        ProblemException refused = problem(() -> routes.create(request(
                HttpMethod.POST,
                WS,
                Map.of(),
                Map.of(),
                body("x", ", \"base_url\": \"https://evil.example.net/v1\""))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("base_url", "allowHosts");

        create(WS, body("ok", ", \"base_url\": \"https://llm.example.com/v1\""));

        // a private endpoint passes only for the plugin the platform granted it to
        ProblemException local = problem(() -> routes.create(request(
                HttpMethod.POST,
                OTHER_WS,
                Map.of(),
                Map.of(),
                body("local", ", \"base_url\": \"http://ollama.internal:11434\""))));
        assertThat(local.status()).isEqualTo(400);
        egress.privatePlugin = PLUGIN;
        create(OTHER_WS, body("local", ", \"base_url\": \"http://ollama.internal:11434\""));
    }
}
