package io.portcullis.policy.internal.api;

import static io.portcullis.web.HttpMethod.GET;
import static io.portcullis.web.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.WorkspacePolicy;
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

    static final String DEFAULTS = "{\"read_only\":false,\"four_eyes\":false,\"max_tool_calls_per_run\":20,"
            + "\"auto_approve\":[],\"egress\":{\"allow_hosts\":[],\"deny_hosts\":[],\"private_cidrs\":[]}}";

    @Test
    void readOnlyModeIsOffUntilAnAdminTurnsItOn() throws Exception {
        assertThat(get(WS_A)).isEqualTo(DEFAULTS);

        assertThat(put(WS_A, "{\"read_only\":true}")).isEqualTo(DEFAULTS.replace("\"read_only\":false", "\"read_only\":true"));

        assertThat(admin.policy(WS_A).readOnly()).isTrue();
        assertThat(admin.policy(WS_B).readOnly()).isFalse();
        assertThat(admin.lastActor.id()).isEqualTo("admin-of-a");
        assertThat(put(WS_A, "{\"read_only\":false}")).isEqualTo(DEFAULTS);
    }

    @Test
    void theWholePolicyRoundTripsNormalised() throws Exception {
        String body = "{\"read_only\":false,\"four_eyes\":true,\"max_tool_calls_per_run\":5,"
                + "\"auto_approve\":[{\"tool\":\"http.fetch\",\"arguments\":{\"method\":\"POST\",\"retries\":2}}],"
                + "\"egress\":{\"allow_hosts\":[\"API.Example.com\",\"*.example.org\"],\"deny_hosts\":[\"evil.example.com\"],"
                + "\"private_cidrs\":[\"10.1.0.0/16\",\"fd00::/8\"]}}";

        String answer = put(WS_A, body);

        assertThat(answer).contains("\"four_eyes\":true", "\"max_tool_calls_per_run\":5", "\"api.example.com\"",
                "\"*.example.org\"", "\"10.1.0.0/16\"", "\"fd00::/8\"", "\"method\":\"POST\"");
        WorkspacePolicy stored = admin.policy(WS_A);
        assertThat(stored.autoApproves("http.fetch", Map.of("method", "POST", "retries", 2, "url", "x"))).isTrue();
        assertThat(stored.autoApproves("http.fetch", Map.of("method", "GET"))).isFalse();
        assertThat(stored.autoApproves("other.tool", Map.of("method", "POST", "retries", 2))).isFalse();
    }

    @Test
    void malformedListsAre400NamingTheEntry() {
        Map<String, String> refusals = Map.of(
                "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"10.0.0.0\"]}}", "egress.private_cidrs[0]",
                "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"intranet/8\"]}}", "egress.private_cidrs[0]",
                "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"10.0.0.0/33\"]}}", "egress.private_cidrs[0]",
                "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"8.8.8.0/24\"]}}", "egress.private_cidrs[0]",
                "{\"read_only\":false,\"egress\":{\"allow_hosts\":[\"ok.com\",\"bad host\"]}}", "egress.allow_hosts[1]",
                "{\"read_only\":false,\"egress\":{\"allow_any\":[]}}", "egress.allow_any",
                "{\"read_only\":false,\"auto_approve\":[{\"tool\":\"Bad Tool\"}]}", "auto_approve[0].tool",
                "{\"read_only\":false,\"auto_approve\":[{\"tool\":\"a.b\",\"arguments\":{\"x\":{}}}]}", "auto_approve[0].arguments.x",
                "{\"read_only\":false,\"max_tool_calls_per_run\":0}", "max_tool_calls_per_run",
                "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"169.254.0.0/16\"]}}", "egress.private_cidrs[0]");

        refusals.forEach((body, field) ->
                assertThat(problem(400, () -> put(WS_A, body)).detail()).as(body).contains("'" + field));
        assertThat(admin.calls).isEmpty();
    }

    @Test
    void privateCidrsNeverOpenTheHostAndTheRefusalNamesTheRange() throws Exception {
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("127.0.0.0/8", "loopback 127.0.0.0/8"), Map.entry("127.0.0.1/32", "loopback"),
                Map.entry("::1/128", "loopback ::1/128"), Map.entry("169.254.169.254/32", "link-local (cloud metadata)"),
                Map.entry("fe80::/10", "link-local fe80::/10"), Map.entry("0.0.0.0/8", "unspecified 0.0.0.0/8"),
                Map.entry("0.0.0.0/0", "unspecified"), Map.entry("224.0.0.0/4", "multicast"),
                Map.entry("255.255.255.255/32", "broadcast"), Map.entry("240.0.0.0/4", "reserved 240.0.0.0/4"),
                Map.entry("100.64.0.0/10", "carrier-grade NAT"), Map.entry("::ffff:127.0.0.0/104", "loopback"),
                Map.entry("64:ff9b::7f00:0/120", "NAT64"), Map.entry("10.0.0.0/7", "beyond private 10.0.0.0/8"));

        refusals.forEach((cidr, range) -> assertThat(problem(400, () -> put(WS_A,
                "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"10.1.0.0/16\",\"" + cidr + "\"]}}")).detail())
                .as(cidr).startsWith("Field 'egress.private_cidrs[1]' ").contains(range)
                .contains("10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or fc00::/7"));
        assertThat(admin.calls).isEmpty();

        assertThat(put(WS_A, "{\"read_only\":false,\"egress\":{\"private_cidrs\":[\"10.0.0.0/8\",\"172.16.0.0/12\","
                + "\"192.168.0.0/16\",\"fc00::/7\"]}}")).contains("\"192.168.0.0/16\"", "\"fc00::/7\"");
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

        assertThat(admin.policy(WS_B).readOnly()).isFalse();
        assertThat(admin.calls).isEmpty();
    }
}
