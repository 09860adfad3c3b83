package io.portcullis.policy.internal.api;

import static io.portcullis.web.HttpMethod.DELETE;
import static io.portcullis.web.HttpMethod.GET;
import static io.portcullis.web.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.policy.internal.plugins.PluginStatus;
import io.portcullis.web.Caller;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workspace's plugin enablement: its own workspace only, active plugins only. */
class WorkspacePluginRoutesTest extends ApiFixture {

    static final String BASE = "/api/v1/workspaces/{ws}/plugins";
    static final String ONE = BASE + "/{id}";
    static final String ACTIVE = "io.portcullis.tool.http";
    static final String PENDING = "com.example.pending";

    @BeforeEach
    void plugins() {
        admin.install(ACTIVE, PluginStatus.ACTIVE, Set.of("net.egress"), List.of());
        admin.install("io.portcullis.channel.webchat", PluginStatus.ACTIVE, Set.of("channel.inbound"), List.of());
        admin.install(PENDING, PluginStatus.PENDING, Set.of("net.egress"), List.of());
    }

    private JsonNode list(Caller caller, String ws) throws Exception {
        return json(call(GET, BASE, caller, Map.of("ws", ws)));
    }

    private JsonNode enable(Caller caller, String ws, String id) throws Exception {
        return json(call(PUT, ONE, caller, Map.of("ws", ws, "id", id)));
    }

    @Test
    void theListShowsActivePluginsWithWhetherThisWorkspaceEnabledThem() throws Exception {
        JsonNode before = list(ADMIN_A, WS_A);
        assertThat(before.get("items").findValuesAsText("id")).containsExactly("io.portcullis.channel.webchat", ACTIVE);
        assertThat(before.get("next_cursor").isNull()).isTrue();
        JsonNode off = before.get("items").get(1);
        assertThat(off.get("enabled").asBoolean()).isFalse();
        assertThat(off.get("enabled_by").isNull()).isTrue();
        assertThat(off.get("enabled_at").isNull()).isTrue();

        JsonNode enabled = enable(ADMIN_A, WS_A, ACTIVE);

        assertThat(enabled.toString())
                .isEqualTo("{\"id\":\"" + ACTIVE + "\",\"version\":\"1.2.0\",\"kind\":\"tool\","
                        + "\"status\":\"active\",\"enabled\":true,\"enabled_by\":\"admin-of-a\","
                        + "\"enabled_at\":\"2030-01-02T00:00:00Z\"}");
        assertThat(list(ADMIN_A, WS_A).get("items").get(1)).isEqualTo(enabled);
        assertThat(list(ADMIN_B, WS_B).get("items").get(1).get("enabled").asBoolean())
                .isFalse();
        assertThat(answers)
                .noneMatch(answer ->
                        answer.contains("location") || answer.contains("secret-path") || answer.contains("sha256"));
    }

    @Test
    void disablingRemovesTheEnablementAndTwiceIs404() throws Exception {
        enable(ADMIN_A, WS_A, ACTIVE);

        assertThat(call(DELETE, ONE, ADMIN_A, Map.of("ws", WS_A, "id", ACTIVE)).status())
                .isEqualTo(204);

        assertThat(list(ADMIN_A, WS_A).get("items").get(1).get("enabled").asBoolean())
                .isFalse();
        assertThat(problem(404, () -> call(DELETE, ONE, ADMIN_A, Map.of("ws", WS_A, "id", ACTIVE)))
                        .detail())
                .isEqualTo("Plugin '" + ACTIVE + "' is not enabled.");
    }

    @Test
    void anInactivePluginCannotBeEnabledAndAnUnknownOneIs404() {
        assertThat(problem(409, () -> enable(ADMIN_A, WS_A, PENDING)).detail())
                .isEqualTo("Plugin '" + PENDING + "' is not active.");
        problem(404, () -> enable(ADMIN_A, WS_A, "com.example.nothing"));
        assertThat(admin.enabled).isEmpty();
    }

    @Test
    void anInvalidIdIs404WithoutAskingTheGate() {
        problem(404, () -> enable(ADMIN_A, WS_A, "../x"));
        problem(404, () -> call(DELETE, ONE, ADMIN_A, Map.of("ws", WS_A, "id", "a b")));
        assertThat(admin.calls).isEmpty();
    }

    @Test
    void anotherWorkspaceIs404AndStaysUntouched() throws Exception {
        enable(ADMIN_B, WS_B, ACTIVE);
        admin.calls.clear();

        problem(404, () -> list(ADMIN_A, WS_B));
        problem(404, () -> enable(ADMIN_A, WS_B, "io.portcullis.channel.webchat"));
        problem(404, () -> call(DELETE, ONE, ADMIN_A, Map.of("ws", WS_B, "id", ACTIVE)));
        problem(404, () -> list(PLATFORM, WS_A)); // the platform administrator has no workspace

        assertThat(admin.calls).isEmpty();
        assertThat(admin.enabled.get(WS_B)).containsOnlyKeys(ACTIVE);
        assertThat(list(ADMIN_B, WS_B).get("items").get(1).get("enabled").asBoolean())
                .isTrue();
    }
}
