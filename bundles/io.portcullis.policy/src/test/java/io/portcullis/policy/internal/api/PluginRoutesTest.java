package io.portcullis.policy.internal.api;

import static io.portcullis.web.HttpMethod.DELETE;
import static io.portcullis.web.HttpMethod.GET;
import static io.portcullis.web.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.Isolation;
import io.portcullis.policy.internal.plugins.PluginException;
import io.portcullis.policy.internal.plugins.PluginStatus;
import io.portcullis.policy.internal.scan.Finding;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.testing.FakeRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The platform administrator's plugin routes against an in-memory gate. */
class PluginRoutesTest extends ApiFixture {

    static final String BASE = "/api/v1/plugins";
    static final String ONE = BASE + "/{id}";
    static final String TOOL = "io.portcullis.tool.http";
    static final Finding FINDING = new Finding(
            "lib/client.jar", "com.example.Fetcher", "fetch()V", "java.net.Socket.<init>", "socket", "net.raw");

    private ApiResponse get(String id) throws Exception {
        return call(GET, ONE, PLATFORM, Map.of("id", id));
    }

    private ApiResponse grant(String id, String body) throws Exception {
        return call(POST, ONE + "/grant", PLATFORM, Map.of("id", id), body);
    }

    private ApiResponse upload(String type, byte[] jar) throws Exception {
        return call(POST, BASE, new FakeRequest(POST, PLATFORM, Map.of(), Map.of(), "").withRawBody(type, jar));
    }

    @Test
    void aPluginShowsEveryReviewedFieldButNotWhereItLives() throws Exception {
        admin.install(TOOL, PluginStatus.PENDING, Set.of("vault.use", "net.egress"), List.of(FINDING));

        JsonNode plugin = json(get(TOOL));

        assertThat(plugin.get("id").asText()).isEqualTo(TOOL);
        assertThat(plugin.get("version").asText()).isEqualTo("1.2.0");
        assertThat(plugin.get("kind").asText()).isEqualTo("tool");
        assertThat(plugin.get("status").asText()).isEqualTo("pending");
        assertThat(plugin.get("sha256").asText()).isEqualTo("ab".repeat(32));
        assertThat(plugin.get("source").asText()).isEqualTo("deploy");
        assertThat(plugin.get("requested_scopes").toString()).isEqualTo("[\"net.egress\",\"vault.use\"]");
        assertThat(plugin.get("granted_scopes").toString()).isEqualTo("[]");
        assertThat(plugin.get("granted_by").isNull()).isTrue();
        assertThat(plugin.get("granted_at").isNull()).isTrue();
        assertThat(plugin.get("findings").toString())
                .isEqualTo("[{\"source\":\"lib/client.jar\","
                        + "\"class\":\"com.example.Fetcher\",\"method\":\"fetch()V\",\"call\":\"java.net.Socket.<init>\","
                        + "\"capability\":\"socket\",\"scope\":\"net.raw\"}]");
        assertThat(plugin.get("reasons").toString()).isEqualTo("[]");
        assertThat(plugin.get("installed_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(plugin.get("updated_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(plugin.has("location")).isFalse();
        assertThat(plugin.toString()).doesNotContain("secret-path");
        assertThat(plugin.get("private_endpoints").toString()).isEqualTo("[]");
    }

    @Test
    void aPluginShowsItsHostOnceOneWasStartedAndNoHostBefore() throws Exception {
        admin.install(TOOL, PluginStatus.ACTIVE, Set.of("net.egress"), List.of());
        assertThat(json(get(TOOL)).has("host")).isFalse();

        admin.hosts.put(
                TOOL,
                new HostStatus(
                        Isolation.SANDBOX,
                        HostStatus.State.RESTARTING,
                        null,
                        2,
                        "The host exceeded 160 MB and was killed.",
                        Instant.parse("2030-01-01T00:05:00Z"),
                        Instant.parse("2030-01-01T00:01:00Z"),
                        0,
                        List.of("tool:http.fetch")));

        JsonNode host = json(get(TOOL)).get("host");
        assertThat(host.get("isolation").asText()).isEqualTo("sandbox");
        assertThat(host.get("state").asText()).isEqualTo("restarting");
        assertThat(host.get("pid").isNull()).isTrue();
        assertThat(host.get("restarts").asInt()).isEqualTo(2);
        assertThat(host.get("last_error").asText()).isEqualTo("The host exceeded 160 MB and was killed.");
        assertThat(host.get("last_error_at").asText()).isEqualTo("2030-01-01T00:05:00Z");
        assertThat(host.get("started_at").asText()).isEqualTo("2030-01-01T00:01:00Z");
        assertThat(host.get("rss_bytes").asLong()).isZero();
        assertThat(host.get("services").toString()).isEqualTo("[\"tool:http.fetch\"]");
        JsonNode listed = json(call(GET, BASE, PLATFORM, Map.of())).get("items").get(0);
        assertThat(listed.get("host").get("state").asText()).isEqualTo("restarting");
    }

    @Test
    void aPluginShowsThePrivateEndpointsThePlatformGrantedIt() throws Exception {
        admin.install(TOOL, PluginStatus.PENDING, Set.of("net.egress"), List.of());
        admin.install("io.portcullis.model.ollama", PluginStatus.PENDING, Set.of("net.egress"), List.of());
        endpoints.put("io.portcullis.model.ollama", List.of("http://127.0.0.1:11434"));

        assertThat(json(get("io.portcullis.model.ollama"))
                        .get("private_endpoints")
                        .toString())
                .isEqualTo("[\"http://127.0.0.1:11434\"]");
        assertThat(json(get(TOOL)).get("private_endpoints").toString()).isEqualTo("[]");
    }

    @Test
    void theListIsSortedByIdAndPagedLikeEveryList() throws Exception {
        for (String id : List.of("c.plugin", "a.plugin", "b.plugin")) {
            admin.install(id, PluginStatus.PENDING, Set.of("net.egress"), List.of());
        }

        JsonNode all = json(call(GET, BASE, PLATFORM, Map.of()));
        assertThat(all.get("items").findValuesAsText("id")).containsExactly("a.plugin", "b.plugin", "c.plugin");
        assertThat(all.get("next_cursor").isNull()).isTrue();
        assertThat(all.get("items").get(0).has("location")).isFalse();

        JsonNode first = json(call(GET, BASE, new FakeRequest(GET, PLATFORM, Map.of(), Map.of("limit", "2"), "")));
        assertThat(first.get("items").findValuesAsText("id")).containsExactly("a.plugin", "b.plugin");
        assertThat(first.get("next_cursor").asText()).isEqualTo("b.plugin");
        JsonNode second = json(call(
                GET, BASE, new FakeRequest(GET, PLATFORM, Map.of(), Map.of("limit", "2", "cursor", "b.plugin"), "")));
        assertThat(second.get("items").findValuesAsText("id")).containsExactly("c.plugin");
        assertThat(second.get("next_cursor").isNull()).isTrue();

        problem(400, () -> call(GET, BASE, new FakeRequest(GET, PLATFORM, Map.of(), Map.of("cursor", "../x"), "")));
    }

    @Test
    void anUnknownPluginIs404() {
        assertThat(problem(404, () -> get("com.example.nothing")).detail())
                .isEqualTo("No resource exists at this path.");
        problem(404, () -> call(POST, ONE + "/revoke", PLATFORM, Map.of("id", "com.example.nothing")));
        problem(404, () -> call(DELETE, ONE, PLATFORM, Map.of("id", "com.example.nothing")));
        problem(404, () -> grant("com.example.nothing", "{\"scopes\":[]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".hidden", "-x", "a b", "a/b", "a%2Fb", "ü.plugin", "a:b"})
    void anIdThatCannotBeAPluginIs404WithoutAskingTheGate(String id) {
        problem(404, () -> get(id));
        problem(404, () -> grant(id, "{\"scopes\":[\"net.egress\"]}"));
        problem(404, () -> call(POST, ONE + "/revoke", PLATFORM, Map.of("id", id)));
        problem(404, () -> call(DELETE, ONE, PLATFORM, Map.of("id", id)));

        assertThat(admin.calls).isEmpty();
    }

    @Test
    void anOverlongIdIs404() {
        String longest = "a".repeat(255);
        admin.install(longest, PluginStatus.PENDING, Set.of(), List.of());

        assertThat(admin.calls).isEmpty();
        problem(404, () -> get(longest + "a"));
        assertThat(admin.calls).isEmpty();
    }

    @Test
    void anUploadedJarIsInstalledFromItsExactBytesAndAnswers201WithItsLocation() throws Exception {
        byte[] jar = {'P', 'K', 3, 4, 0, (byte) 0xff, 10, 13};

        ApiResponse response = upload("application/java-archive", jar);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("Location", "/api/v1/plugins/" + FakePluginAdmin.UPLOADED_ID);
        JsonNode created = json(response);
        assertThat(created.get("id").asText()).isEqualTo(FakePluginAdmin.UPLOADED_ID);
        assertThat(created.get("sha256").asText()).isEqualTo(FakePluginAdmin.sha256(jar));
        assertThat(created.get("status").asText()).isEqualTo("pending");
        assertThat(created.get("source").asText()).isEqualTo("upload");
        assertThat(created.has("location")).isFalse();
        assertThat(admin.lastUpload).isEqualTo(jar);
        assertThat(admin.lastActor.id()).isEqualTo("platform-key");
        assertThat(upload("application/octet-stream", jar).status()).isEqualTo(201);
    }

    @Test
    void anUploadOfAnotherTypeIs415AndAnEmptyOneIs400() {
        problem(415, () -> upload("application/json", "{}".getBytes()));
        problem(415, () -> upload("application/zip", new byte[] {'P', 'K'}));
        problem(400, () -> upload("application/java-archive", new byte[0]));

        assertThat(admin.calls).isEmpty();
    }

    @Test
    void theUploadRouteTakesJarsUpToTheConfiguredLimit() {
        var route = route(POST, BASE);

        assertThat(route.mediaTypes())
                .containsExactlyInAnyOrder("application/java-archive", "application/octet-stream");
        assertThat(route.maxBodyBytes()).isEqualTo(UPLOAD_LIMIT);
        assertThat(route(POST, ONE + "/grant").maxBodyBytes()).isZero();
        assertThat(route(POST, ONE + "/grant").mediaTypes()).isEmpty();
    }

    @Test
    void anUploadTheGateFindsTooLargeIs413WithItsMessage() {
        admin.failNext(PluginException.Reason.TOO_LARGE, "The jar unpacks to more than 200 MB.");

        ProblemException problem = problem(413, () -> upload("application/java-archive", new byte[] {1}));

        assertThat(problem.detail()).isEqualTo("The jar unpacks to more than 200 MB.");
    }

    @Test
    void aGrantOfExactlyTheRequestedScopesActivatesThePlugin() throws Exception {
        admin.install(TOOL, PluginStatus.PENDING, Set.of("vault.use", "net.egress"), List.of());

        JsonNode granted = json(grant(TOOL, "{\"scopes\":[\"vault.use\",\"net.egress\"]}"));

        assertThat(granted.get("status").asText()).isEqualTo("active");
        assertThat(granted.get("granted_scopes").toString()).isEqualTo("[\"net.egress\",\"vault.use\"]");
        assertThat(granted.get("granted_by").asText()).isEqualTo("platform-key");
        assertThat(granted.get("granted_at").asText()).isEqualTo("2030-01-02T00:00:00Z");
        assertThat(granted.has("location")).isFalse();
        assertThat(admin.calls).containsExactly("grant " + TOOL + " [net.egress, vault.use]");
    }

    @Test
    void theGatesRefusalsOfAGrantKeepTheirStatusAndMessage() {
        admin.install(TOOL, PluginStatus.PENDING, Set.of("vault.use", "net.egress"), List.of());
        admin.install("bad.plugin", PluginStatus.REJECTED, Set.of("net.egress"), List.of());

        ProblemException fewer = problem(400, () -> grant(TOOL, "{\"scopes\":[\"net.egress\"]}"));
        assertThat(fewer.detail()).isEqualTo("The grant must list exactly the requested scopes.");
        ProblemException rejected = problem(409, () -> grant("bad.plugin", "{\"scopes\":[\"net.egress\"]}"));
        assertThat(rejected.detail()).isEqualTo("Plugin 'bad.plugin' is rejected.");
        assertThat(admin.plugins.get(TOOL).status()).isEqualTo(PluginStatus.PENDING);
    }

    @Test
    void aScopeOfAFeatureThatDoesNotExistYetIs409AndNeverReachesTheGate() throws Exception {
        admin.install(TOOL, PluginStatus.PENDING, Set.of("net.egress", "model.invoke"), List.of());

        ProblemException refused = problem(409, () -> grant(TOOL, "{\"scopes\":[\"net.egress\",\"model.invoke\"]}"));

        assertThat(refused.detail())
                .startsWith("Field 'scopes[1]' names scope 'model.invoke', which is not available on"
                        + " this server yet; no grant can allow it. Planned: ");
        assertThat(admin.calls).isEmpty();
        admin.install("io.example.ok", PluginStatus.PENDING, Set.of("net.egress"), List.of());
        assertThat(json(grant("io.example.ok", "{\"scopes\":[\"net.egress\"]}"))
                        .get("status")
                        .asText())
                .isEqualTo("active");
    }

    @Test
    void aGrantBodyOfTheWrongFormIs400NamingTheFieldAndNeverReachesTheGate() {
        admin.install(TOOL, PluginStatus.PENDING, Set.of("net.egress"), List.of());
        StringBuilder many = new StringBuilder("{\"scopes\":[");
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("\"x.")
                    .append((char) ('a' + i / 26))
                    .append((char) ('a' + i % 26))
                    .append('"');
        }

        Map<String, String> refusals = Map.ofEntries(
                Map.entry("{}", "Field 'scopes' is required."),
                Map.entry("{\"scopes\":null}", "Field 'scopes' is required."),
                Map.entry("{\"scopes\":\"net.egress\"}", "Field 'scopes' must be an array of scope names."),
                Map.entry("{\"scopes\":{\"net.egress\":true}}", "Field 'scopes' must be an array of scope names."),
                Map.entry("{\"scopes\":[1]}", "Field 'scopes[0]' must be a scope name"),
                Map.entry("{\"scopes\":[\"net.egress\",null]}", "Field 'scopes[1]' must be a scope name"),
                Map.entry("{\"scopes\":[\"Net.Egress\"]}", "Field 'scopes[0]' must be a scope name"),
                Map.entry("{\"scopes\":[\"net..egress\"]}", "Field 'scopes[0]' must be a scope name"),
                Map.entry("{\"scopes\":[\"net.egress.\"]}", "Field 'scopes[0]' must be a scope name"),
                Map.entry("{\"scopes\":[\"net-egress\"]}", "Field 'scopes[0]' must be a scope name"),
                Map.entry("{\"scopes\":[\"" + "a".repeat(65) + "\"]}", "Field 'scopes[0]' must be a scope name"),
                Map.entry(
                        "{\"scopes\":[\"net.egress\",\"vault.use\",\"net.egress\"]}",
                        "Field 'scopes[2]' repeats an earlier scope."),
                Map.entry(many.append("]}").toString(), "Field 'scopes' must have at most 32 entries."),
                Map.entry("{\"scopes\":[\"nothing.known\"]}", "Field 'scopes[0]' is not a scope of the catalogue."),
                Map.entry(
                        "{\"scopes\":[\"net.egress\",\"net.raw\"]}",
                        "Field 'scopes[1]' is a scope no grant may allow."));

        refusals.forEach((body, detail) -> assertThat(
                        problem(400, () -> grant(TOOL, body)).detail())
                .as(body)
                .startsWith(detail));
        problem(400, () -> grant(TOOL, "{\"scopes\":[\"net.egress\"],\"extra\":1}"));
        problem(400, () -> grant(TOOL, "[\"net.egress\"]"));
        assertThat(admin.calls).isEmpty();
        assertThat(answers).noneMatch(answer -> answer.contains("Net.Egress") || answer.contains("nothing.known"));
    }

    @Test
    void aRevokedPluginLosesItsGrantAndAnUninstalledOneIsGone() throws Exception {
        admin.install(TOOL, PluginStatus.PENDING, Set.of("net.egress"), List.of());
        grant(TOOL, "{\"scopes\":[\"net.egress\"]}");

        JsonNode revoked = json(call(POST, ONE + "/revoke", PLATFORM, Map.of("id", TOOL)));
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.get("granted_scopes").toString()).isEqualTo("[]");
        assertThat(revoked.has("location")).isFalse();

        assertThat(call(DELETE, ONE, PLATFORM, Map.of("id", TOOL)).status()).isEqualTo(204);
        problem(404, () -> get(TOOL));
        assertThat(admin.calls).contains("revoke " + TOOL, "uninstall " + TOOL);
        assertThat(answers).noneMatch(answer -> answer.contains("secret-path"));
    }
}
