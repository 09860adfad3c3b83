package io.portcullis.vault.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The credential routes, the same on every engine: CRUD, validation, write-only values, isolation. */
abstract class CredentialRoutesContract extends CredentialFixture {

    CredentialRoutesContract(Engine engine) {
        super(engine);
    }

    @Test
    void theRoutesRequireTheCredentialPermissions() {
        Map<String, String> permissions = new LinkedHashMap<>();
        for (Route route : credentials.routes()) {
            permissions.put(route.method() + " " + route.path(), route.access().permission());
        }

        String base = CredentialRoutes.BASE;
        String read = "workspace:{ws}:credentials:read";
        String write = "workspace:{ws}:credentials:write";
        assertThat(permissions)
                .containsOnly(
                        Map.entry("POST " + base, write),
                        Map.entry("GET " + base, read),
                        Map.entry("GET " + base + "/{id}", read),
                        Map.entry("POST " + base + "/{id}/rotate", write),
                        Map.entry("DELETE " + base + "/{id}", write),
                        Map.entry("PUT " + base + "/{id}/bindings/{plugin}", write),
                        Map.entry("DELETE " + base + "/{id}/bindings/{plugin}", write));
    }

    @Test
    void aCreatedCredentialReadsBackWithoutItsValue() throws Exception {
        String value = canary();
        Map<String, Object> body = new HashMap<>(Map.of(
                "name",
                "  Stripe live\u0301 ",
                "kind",
                "api_key",
                "value",
                value,
                "metadata",
                Map.of("account", "acme", "env", "prod"),
                "allowed_hosts",
                List.of("API.Stripe.com", "*.bücher.de", "api.stripe.com"),
                "read_only",
                true,
                "expires_at",
                "2031-01-01T00:00:00Z"));

        ApiResponse response = call(HttpMethod.POST, "", callerA, wsA, FakeRequest.json(body));

        assertThat(response.status()).isEqualTo(201);
        JsonNode created = json(response);
        String id = created.get("id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(response.headers()).containsEntry("Location", "/api/v1/workspaces/" + wsA + "/credentials/" + id);
        assertThat(created.get("name").asText()).isEqualTo("Stripe live\u0301".replace("e\u0301", "\u00e9"));
        assertThat(created.get("kind").asText()).isEqualTo("api_key");
        assertThat(created.get("metadata").toString()).isEqualTo("{\"account\":\"acme\",\"env\":\"prod\"}");
        assertThat(created.get("allowed_hosts").toString()).isEqualTo("[\"api.stripe.com\",\"*.xn--bcher-kva.de\"]");
        assertThat(created.get("read_only").asBoolean()).isTrue();
        assertThat(created.get("expires_at").asText()).isEqualTo("2031-01-01T00:00:00Z");
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(created.get("fingerprint").asText()).matches("fp_[0-9a-f]{24}");
        assertThat(created.get("created_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(created.get("rotated_at").isNull()).isTrue();
        assertThat(created.get("last_used_at").isNull()).isTrue();
        assertThat(created.get("bound_plugins").size()).isZero();
        assertThat(created.has("value")).isFalse();
        assertThat(created.has("ciphertext")).isFalse();

        JsonNode read = json(onId(HttpMethod.GET, "/{id}", callerA, wsA, id, ""));
        assertThat(read).isEqualTo(created);
        JsonNode list = json(call(HttpMethod.GET, "", callerA, wsA, ""));
        assertThat(list.get("items")).containsExactly(created);
        assertThat(list.get("next_cursor").isNull()).isTrue();
        assertThat(registry.values.get(wsA)).containsExactly(Map.entry(id, value));
        assertThat(answers).noneMatch(answer -> answer.contains(value));
    }

    @Test
    void theFingerprintIsAKeyedMacOfTheValue() throws Exception {
        String value = canary();

        String inA =
                create(callerA, wsA, "one", "api_key", value).get("fingerprint").asText();
        String againInA =
                create(callerA, wsA, "two", "api_key", value).get("fingerprint").asText();
        String inB =
                create(callerB, wsB, "one", "api_key", value).get("fingerprint").asText();

        byte[] mac = keys.mac(null, wsA, "fingerprint", value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(inA).isEqualTo("fp_" + java.util.HexFormat.of().formatHex(mac, 0, 12));
        assertThat(againInA).isEqualTo(inA);
        assertThat(inB).isNotEqualTo(inA);
    }

    @Test
    void noRouteAnswersTheValueOnAnyPath() throws Exception {
        String value = canary();
        String rotated = canary();
        String id = create(callerA, wsA, "svc", "bearer_token", value).get("id").asText();

        call(HttpMethod.GET, "", callerA, wsA, "");
        onId(HttpMethod.GET, "/{id}", callerA, wsA, id, "");
        onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, id, "");
        onId(HttpMethod.POST, "/{id}/rotate", callerA, wsA, id, FakeRequest.json(Map.of("value", rotated)));
        problem(() -> call(HttpMethod.POST, "", callerA, wsA, body("svc", "bearer_token", value)));
        problem(() -> onId(
                HttpMethod.POST,
                "/{id}/rotate",
                callerA,
                wsA,
                id,
                FakeRequest.json(Map.of("value", value + "\u0000"))));
        problem(() -> onId(HttpMethod.GET, "/{id}", callerB, wsA, id, ""));
        onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, wsA, id, "");
        onId(HttpMethod.DELETE, "/{id}", callerA, wsA, id, "");
        problem(() -> onId(HttpMethod.GET, "/{id}", callerA, wsA, id, ""));

        assertThat(answers).hasSize(11).allMatch(answer -> !answer.contains(value) && !answer.contains(rotated));
        assertThat(answers.get(1)).contains(id); // the searched answers are the real ones
    }

    @Test
    void eachInvalidFieldIsRefusedByNameWithoutEchoingTheValue() throws Exception {
        String canary = canary();
        List<Map.Entry<String, Map<String, Object>>> cases = new java.util.ArrayList<>();
        cases.add(Map.entry("'name'", Map.of("kind", "api_key", "value", canary)));
        cases.add(Map.entry("'name'", Map.of("name", "x".repeat(101), "kind", "api_key", "value", canary)));
        cases.add(Map.entry("'name'", Map.of("name", "bell\u0007", "kind", "api_key", "value", canary)));
        cases.add(Map.entry("'kind'", Map.of("name", "n", "kind", "password", "value", canary)));
        cases.add(Map.entry("'kind'", Map.of("name", "n", "kind", "API_KEY", "value", canary)));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "api_key")));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "api_key", "value", "short12")));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "other", "value", canary + "x".repeat(16_384))));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "other", "value", canary + "\u0000")));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "other", "value", canary + "\u001b[0m")));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "other", "value", canary + "\ud800")));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "api_key", "value", canary + "\nX-Injected: 1")));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "basic", "value", canary)));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "basic", "value", ":" + canary)));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "basic", "value", canary + ":")));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "webhook_url", "value", "ftp://h.test/" + canary)));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "webhook_url", "value", "/hooks/" + canary)));
        cases.add(Map.entry("'value'", Map.of("name", "n", "kind", "webhook_url", "value", "https:///" + canary)));
        cases.add(Map.entry("'metadata'", Map.of("name", "n", "kind", "other", "value", canary, "metadata", many(21))));
        cases.add(Map.entry(
                "'metadata'",
                Map.of("name", "n", "kind", "other", "value", canary, "metadata", Map.of("Bad Key " + canary, "v"))));
        cases.add(Map.entry(
                "'metadata.note'",
                Map.of(
                        "name",
                        "n",
                        "kind",
                        "other",
                        "value",
                        canary,
                        "metadata",
                        Map.of("note", canary + "x".repeat(512)))));
        cases.add(Map.entry(
                "'metadata.note'",
                Map.of(
                        "name",
                        "n",
                        "kind",
                        "other",
                        "value",
                        canary,
                        "metadata",
                        Map.of("note", "see sk-" + canary.replace("-", "")))));
        cases.add(Map.entry(
                "'metadata' holds or looks like a secret",
                Map.of(
                        "name",
                        "n",
                        "kind",
                        "other",
                        "value",
                        canary,
                        "metadata",
                        Map.of("sk-" + canary.substring(7, 20), "v"))));
        cases.add(Map.entry(
                "'name' holds or looks like a secret",
                Map.of("name", "key sk-" + canary.replace("-", ""), "kind", "other", "value", canary)));
        cases.add(Map.entry(
                "'allowed_hosts'", Map.of("name", "n", "kind", "other", "value", canary, "allowed_hosts", hosts(21))));
        cases.add(Map.entry(
                "'allowed_hosts'",
                Map.of("name", "n", "kind", "other", "value", canary, "allowed_hosts", List.of("*.com"))));
        cases.add(Map.entry(
                "'allowed_hosts'",
                Map.of(
                        "name",
                        "n",
                        "kind",
                        "other",
                        "value",
                        canary,
                        "allowed_hosts",
                        List.of("https://" + canary + ".example.com"))));
        cases.add(Map.entry(
                "'allowed_hosts'",
                Map.of("name", "n", "kind", "other", "value", canary, "allowed_hosts", List.of("bad_host." + canary))));
        cases.add(Map.entry(
                "'expires_at'",
                Map.of("name", "n", "kind", "other", "value", canary, "expires_at", "2029-12-31T23:59:59Z")));

        for (int i = 0; i < cases.size(); i++) {
            String expected = cases.get(i).getKey();
            String body = FakeRequest.json(cases.get(i).getValue());

            ProblemException refused = problem(() -> call(HttpMethod.POST, "", callerA, wsA, body));

            String example = "case " + i + " (" + expected + ")";
            assertThat(refused.status()).as(example).isEqualTo(400);
            assertThat(refused.detail()).as(example).contains(expected).doesNotContain(canary.substring(7), "sk-");
        }
        assertThat(json(call(HttpMethod.GET, "", callerA, wsA, "")).get("items").size())
                .isZero();
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void wellFormedValuesOfEveryKindAreAccepted() throws Exception {
        String key = "-----BEGIN PRIVATE KEY-----\n" + canary() + "\n-----END PRIVATE KEY-----\n";

        create(callerA, wsA, "pem", "private_key", key);
        create(callerA, wsA, "basic", "basic", "svc-user:" + canary());
        create(callerA, wsA, "hook", "webhook_url", "https://hooks.example.com/T0/" + canary());
        create(callerA, wsA, "tabbed", "other", "a\tb\r\n" + canary());
        create(callerA, wsA, "emoji", "oauth_token", "\uD83D\uDD11" + canary());
        create(callerA, wsA, "eight", "bearer_token", "12345678");

        assertThat(json(call(HttpMethod.GET, "", callerA, wsA, "")).get("items").size())
                .isEqualTo(6);
        assertThat(registry.values.get(wsA)).containsValue(key);
    }

    @Test
    void anUnknownFieldIsRefused() {
        ProblemException refused = problem(() -> call(
                HttpMethod.POST,
                "",
                callerA,
                wsA,
                "{\"name\":\"n\",\"kind\":\"other\",\"value\":\"" + canary() + "\",\"workspace_id\":\"" + wsB + "\"}"));

        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void aDuplicateNameConflicts() throws Exception {
        create(callerA, wsA, "stripe", "api_key", canary());

        ProblemException conflict = problem(() -> create(callerA, wsA, "stripe", "api_key", canary()));

        assertThat(conflict.status()).isEqualTo(409);
        create(callerB, wsB, "stripe", "api_key", canary()); // names are per workspace
        create(callerA, wsA, "stripe-2", "api_key", canary());
    }

    @Test
    void twoSpellingsOfOneNameAreOneName() throws Exception {
        create(callerA, wsA, "caf\u00e9", "api_key", canary()); // precomposed é

        ProblemException conflict = problem(() -> create(callerA, wsA, "cafe\u0301", "api_key", canary())); // e + ◌́

        assertThat(conflict.status()).isEqualTo(409);
        create(callerA, wsA, "cafe", "api_key", canary()); // a different name still goes in
    }

    @Test
    void listsPageByCursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            create(callerA, wsA, "c" + i, "other", canary());
        }
        create(callerB, wsB, "other workspace", "other", canary());

        JsonNode first = json(withQuery(Map.of("limit", "3")).call(HttpMethod.GET, "", callerA, wsA, ""));
        JsonNode second = json(withQuery(
                        Map.of("limit", "3", "cursor", first.get("next_cursor").asText()))
                .call(HttpMethod.GET, "", callerA, wsA, ""));

        assertThat(first.get("items").size()).isEqualTo(3);
        assertThat(second.get("items").size()).isEqualTo(2);
        assertThat(second.get("next_cursor").isNull()).isTrue();
        assertThat(problem(() -> withQuery(Map.of("cursor", "zz")).call(HttpMethod.GET, "", callerA, wsA, ""))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anotherWorkspacesCredentialIsNotFoundOnEveryRoute() throws Exception {
        String value = canary();
        String idB = create(callerB, wsB, "b's", "api_key", value).get("id").asText();
        onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerB, wsB, idB, "");
        String rotation = FakeRequest.json(Map.of("value", canary()));

        for (String ws : List.of(wsA, wsB)) {
            assertNotFound(() -> onId(HttpMethod.GET, "/{id}", callerA, ws, idB, ""));
            assertNotFound(() -> onId(HttpMethod.POST, "/{id}/rotate", callerA, ws, idB, rotation));
            assertNotFound(() -> onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, ws, idB, ""));
            assertNotFound(() -> onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, ws, idB, ""));
            assertNotFound(() -> onId(HttpMethod.DELETE, "/{id}", callerA, ws, idB, ""));
        }
        assertNotFound(() -> call(HttpMethod.GET, "", callerA, wsB, ""));
        assertNotFound(() -> call(HttpMethod.POST, "", callerA, wsB, body("planted", "other", canary())));
        assertThat(json(call(HttpMethod.GET, "", callerA, wsA, "")).get("items").size())
                .isZero();

        JsonNode intact = json(onId(HttpMethod.GET, "/{id}", callerB, wsB, idB, ""));
        assertThat(intact.get("version").asInt()).isEqualTo(1);
        assertThat(intact.get("bound_plugins").toString()).isEqualTo("[\"" + PLUGIN + "\"]");
        assertThat(registry.values.get(wsB)).containsEntry(idB, value);
        assertThat(onId(HttpMethod.POST, "/{id}/rotate", callerB, wsB, idB, rotation)
                        .status())
                .isEqualTo(200);
        assertThat(onId(HttpMethod.DELETE, "/{id}", callerB, wsB, idB, "").status())
                .isEqualTo(204);
    }

    @Test
    void malformedIdsAreNotFoundLikeMissingOnes() throws Exception {
        for (String id : List.of("' OR 1=1 --", "ABCDEF0123456789ABCDEF01", "1", Ids.next())) {
            assertNotFound(() -> onId(HttpMethod.GET, "/{id}", callerA, wsA, id, ""));
            assertNotFound(() -> onId(HttpMethod.DELETE, "/{id}", callerA, wsA, id, ""));
        }
    }

    @Test
    void rotationReplacesTheValueUnderTheNextVersion() throws Exception {
        String old = canary();
        String fresh = canary();
        JsonNode created = create(callerA, wsA, "svc", "basic", "user:" + old);
        String id = created.get("id").asText();
        clock.advance(java.time.Duration.ofHours(1));

        JsonNode rotated = json(onId(
                HttpMethod.POST, "/{id}/rotate", callerA, wsA, id, FakeRequest.json(Map.of("value", "user:" + fresh))));

        assertThat(rotated.get("version").asInt()).isEqualTo(2);
        assertThat(rotated.get("fingerprint").asText())
                .isNotEqualTo(created.get("fingerprint").asText());
        assertThat(rotated.get("rotated_at").asText()).isEqualTo("2030-01-01T01:00:00Z");
        assertThat(rotated.get("created_at")).isEqualTo(created.get("created_at"));
        assertThat(registry.values.get(wsA)).containsExactly(Map.entry(id, "user:" + fresh));
        assertThat(registry.all()).noneMatch(value -> value.contains(old));
        ProblemException refused = problem(() ->
                onId(HttpMethod.POST, "/{id}/rotate", callerA, wsA, id, FakeRequest.json(Map.of("value", fresh))));
        assertThat(refused.detail()).contains("'value'").doesNotContain(fresh);
        assertThat(json(onId(HttpMethod.GET, "/{id}", callerA, wsA, id, ""))
                        .get("version")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void deletionForgetsTheValue() throws Exception {
        String value = canary();
        String id = create(callerA, wsA, "svc", "api_key", value).get("id").asText();
        String kept =
                create(callerA, wsA, "kept", "api_key", canary()).get("id").asText();

        assertThat(onId(HttpMethod.DELETE, "/{id}", callerA, wsA, id, "").status())
                .isEqualTo(204);

        assertNotFound(() -> onId(HttpMethod.GET, "/{id}", callerA, wsA, id, ""));
        assertNotFound(() -> onId(HttpMethod.DELETE, "/{id}", callerA, wsA, id, ""));
        assertThat(registry.values.get(wsA)).containsOnlyKeys(kept);
        assertThat(onId(HttpMethod.GET, "/{id}", callerA, wsA, kept, "").status())
                .isEqualTo(200);
    }

    @Test
    void bindingsAreIdempotentAndUnbindingAMissingOneIsNotFound() throws Exception {
        String id = create(callerA, wsA, "svc", "api_key", canary()).get("id").asText();
        Map<String, String> other = Map.of("ws", wsA, "id", id, "plugin", "io.portcullis.model.openai");

        assertThat(onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, id, "")
                        .status())
                .isEqualTo(204);
        assertThat(onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, id, "")
                        .status())
                .isEqualTo(204);
        assertThat(call(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, other, "")
                        .status())
                .isEqualTo(204);
        assertThat(json(onId(HttpMethod.GET, "/{id}", callerA, wsA, id, ""))
                        .get("bound_plugins")
                        .toString())
                .isEqualTo("[\"io.portcullis.model.openai\",\"" + PLUGIN + "\"]");

        assertThat(onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, wsA, id, "")
                        .status())
                .isEqualTo(204);
        assertNotFound(() -> onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, wsA, id, ""));
        assertThat(json(call(HttpMethod.GET, "", callerA, wsA, ""))
                        .get("items")
                        .get(0)
                        .get("bound_plugins")
                        .toString())
                .isEqualTo("[\"io.portcullis.model.openai\"]");
        ProblemException malformed = problem(() -> call(
                HttpMethod.PUT,
                "/{id}/bindings/{plugin}",
                callerA,
                Map.of("ws", wsA, "id", id, "plugin", "../etc"),
                ""));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).contains("'plugin'");
    }

    @Test
    void aCredentialBindsOnlyToAnInstalledPluginThatDeclaresVaultUse() throws Exception {
        String id = create(callerA, wsA, "svc", "api_key", canary()).get("id").asText();
        for (String plugin : List.of("io.example.not.installed", "io.portcullis.vault", "io.portcullis.tools")) {
            ProblemException refused = problem(() -> call(
                    HttpMethod.PUT,
                    "/{id}/bindings/{plugin}",
                    callerA,
                    Map.of("ws", wsA, "id", id, "plugin", plugin),
                    ""));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.detail()).contains("vault.use").doesNotContain(plugin);
        }
        assertThat(onId(HttpMethod.GET, "/{id}", callerA, wsA, id, "").status()).isEqualTo(200);
        assertThat(credentials.handle(wsA, "io.example.not.installed", id)).isEmpty();

        // the legitimate path: an installed plugin that declares vault.use
        assertThat(onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, id, "")
                        .status())
                .isEqualTo(204);
        assertThat(credentials.handle(wsA, PLUGIN, id)).isPresent();
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThat(problem(call).status()).isEqualTo(404);
    }

    private static Map<String, String> many(int entries) {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            metadata.put("k" + i, "v");
        }
        return metadata;
    }

    private static List<String> hosts(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "h" + i + ".example.com")
                .toList();
    }
}
