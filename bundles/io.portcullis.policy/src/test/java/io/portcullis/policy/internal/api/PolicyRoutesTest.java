package io.portcullis.policy.internal.api;

import static io.portcullis.web.HttpMethod.GET;
import static io.portcullis.web.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A workspace's policy: read-only mode, read by members and set by admins of that workspace alone. */
class PolicyRoutesTest extends ApiFixture {

    static final String PATH = "/api/v1/workspaces/{ws}/policy";

    private String get(String ws) throws Exception {
        return json(call(GET, PATH, ADMIN_A, Map.of("ws", ws))).toString();
    }

    private String put(String ws, String body) throws Exception {
        return json(call(PUT, PATH, ADMIN_A, Map.of("ws", ws), body)).toString();
    }

    @Test
    void readOnlyModeIsOffUntilAnAdminTurnsItOn() throws Exception {
        assertThat(get(WS_A)).isEqualTo("{\"read_only\":false}");

        assertThat(put(WS_A, "{\"read_only\":true}")).isEqualTo("{\"read_only\":true}");

        assertThat(get(WS_A)).isEqualTo("{\"read_only\":true}");
        assertThat(admin.readOnly(WS_B)).isFalse();
        assertThat(admin.lastActor.id()).isEqualTo("admin-of-a");
        assertThat(put(WS_A, "{\"read_only\":false}")).isEqualTo("{\"read_only\":false}");
    }

    @Test
    void aBodyOfTheWrongFormIs400NamingTheField() {
        Map<String, String> refusals = Map.of(
                "{}", "Field 'read_only' is required.",
                "{\"read_only\":null}", "Field 'read_only' is required.",
                "{\"read_only\":\"yes\"}", "Field 'read_only' must be true or false.",
                "{\"read_only\":1}", "Field 'read_only' must be true or false.");

        refusals.forEach((body, detail) ->
                assertThat(problem(400, () -> put(WS_A, body)).detail()).as(body).isEqualTo(detail));
        problem(400, () -> put(WS_A, "{\"read_only\":true,\"approvals\":\"all\"}"));
        assertThat(admin.calls).isEmpty();
    }

    @Test
    void anotherWorkspacesPolicyIs404AndStaysUntouched() {
        problem(404, () -> get(WS_B));
        problem(404, () -> put(WS_B, "{\"read_only\":true}"));

        assertThat(admin.readOnly(WS_B)).isFalse();
        assertThat(admin.calls).isEmpty();
    }
}
