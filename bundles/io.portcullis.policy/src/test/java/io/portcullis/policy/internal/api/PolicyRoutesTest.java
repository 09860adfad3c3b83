package io.portcullis.policy.internal.api;

import static io.portcullis.web.HttpMethod.GET;
import static io.portcullis.web.HttpMethod.PATCH;
import static io.portcullis.web.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.policy.WorkspacePolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A workspace's policy: read-only mode, read by members and set by admins of that workspace alone. */
class PolicyRoutesTest extends ApiFixture {

    static final String PATH = "/api/v1/workspaces/{ws}/policy";

    private String get(String ws) throws Exception {
        return withoutVersion(json(call(GET, PATH, ADMIN_A, Map.of("ws", ws))));
    }

    private String put(String ws, String body) throws Exception {
        return withoutVersion(json(call(PUT, PATH, ADMIN_A, Map.of("ws", ws), body)));
    }

    private String patch(String ws, String body) throws Exception {
        return withoutVersion(json(call(PATCH, PATH, ADMIN_A, Map.of("ws", ws), body)));
    }

    private JsonNode document(String ws) throws Exception {
        return json(call(GET, PATH, ADMIN_A, Map.of("ws", ws)));
    }

    /**
     * The answer without its {@code version}, after checking that it is the version of the policy stored
     * now (so that the documents compare by their fields).
     */
    private String withoutVersion(JsonNode answer) {
        assertThat(answer.path("version").textValue())
                .as("the version of the policy in force")
                .isEqualTo(admin.policy(WS_A).version());
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).remove("version");
        return answer.toString();
    }

    /** The whole document with {@code egress} as given; every other field at its default. */
    static String whole(String readOnly, String egress) {
        return "{\"read_only\":" + readOnly + ",\"four_eyes\":false,\"max_tool_calls_per_run\":20,"
                + "\"auto_approve\":[],\"egress\":" + egress + "}";
    }

    static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String cidrs(String... entries) {
        return "{\"allow_hosts\":[],\"deny_hosts\":[],\"private_cidrs\":[" + String.join(",", entries) + "]}";
    }

    static final String DEFAULT_TAINTED = "{\"read\":\"allow\",\"write\":\"approve\",\"destructive\":\"approve\"}";

    static final String DEFAULTS = "{\"read_only\":false,\"four_eyes\":false,\"max_tool_calls_per_run\":20,"
            + "\"auto_approve\":[],\"egress\":{\"allow_hosts\":[],\"deny_hosts\":[],\"private_cidrs\":[]},"
            + "\"tainted_calls\":" + DEFAULT_TAINTED + "}";

    static final String FULL = "{\"read_only\":false,\"four_eyes\":true,\"max_tool_calls_per_run\":5,"
            + "\"auto_approve\":[{\"tool\":\"http.fetch\",\"arguments\":{\"method\":\"POST\",\"retries\":2}}],"
            + "\"egress\":{\"allow_hosts\":[\"API.Example.com\",\"*.example.org\"],\"deny_hosts\":[\"evil.example.com\"],"
            + "\"private_cidrs\":[\"10.1.0.0/16\",\"fd00::/8\"]}}";

    @Test
    void readOnlyModeIsOffUntilAnAdminTurnsItOn() throws Exception {
        assertThat(get(WS_A)).isEqualTo(DEFAULTS);

        assertThat(patch(WS_A, "{\"read_only\":true}"))
                .isEqualTo(DEFAULTS.replace("\"read_only\":false", "\"read_only\":true"));

        assertThat(admin.policy(WS_A).readOnly()).isTrue();
        assertThat(admin.policy(WS_B).readOnly()).isFalse();
        assertThat(admin.lastActor.id()).isEqualTo("admin-of-a");
        assertThat(put(WS_A, DEFAULTS)).isEqualTo(DEFAULTS);
    }

    @Test
    void theWholePolicyRoundTripsNormalised() throws Exception {
        String answer = put(WS_A, FULL);

        assertThat(answer)
                .contains(
                        "\"four_eyes\":true",
                        "\"max_tool_calls_per_run\":5",
                        "\"api.example.com\"",
                        "\"*.example.org\"",
                        "\"10.1.0.0/16\"",
                        "\"fd00::/8\"",
                        "\"method\":\"POST\"");
        WorkspacePolicy stored = admin.policy(WS_A);
        assertThat(stored.autoApproves("http.fetch", Map.of("method", "POST", "retries", 2, "url", "x")))
                .isTrue();
        assertThat(stored.autoApproves("http.fetch", Map.of("method", "GET"))).isFalse();
        assertThat(stored.autoApproves("other.tool", Map.of("method", "POST", "retries", 2)))
                .isFalse();
        assertThat(get(WS_A)).isEqualTo(answer);
        assertThat(put(WS_A, answer))
                .as("what GET answers, PUT takes back unchanged")
                .isEqualTo(answer);
    }

    @Test
    void aPatchChangesOnlyWhatItNames() throws Exception {
        String full = put(WS_A, FULL);

        String readOnly = patch(WS_A, "{\"read_only\":true}");

        assertThat(readOnly).isEqualTo(full.replace("\"read_only\":false", "\"read_only\":true"));
        WorkspacePolicy stored = admin.policy(WS_A);
        assertThat(stored.allowHosts()).containsExactly("api.example.com", "*.example.org");
        assertThat(stored.privateCidrs()).containsExactly("10.1.0.0/16", "fd00::/8");
        assertThat(stored.maxToolCallsPerRun()).isEqualTo(5);
        assertThat(stored.autoApprove()).hasSize(1);

        // egress merges member by member; a list replaces whole.
        patch(WS_A, "{\"egress\":{\"deny_hosts\":[\"a.example.net\",\"b.example.net\"]}}");
        assertThat(admin.policy(WS_A).denyHosts()).containsExactly("a.example.net", "b.example.net");
        assertThat(admin.policy(WS_A).allowHosts()).containsExactly("api.example.com", "*.example.org");
    }

    @Test
    void nullInAPatchResetsTheFieldToItsDefault() throws Exception {
        put(WS_A, FULL);

        patch(WS_A, "{\"max_tool_calls_per_run\":null,\"auto_approve\":null,\"egress\":{\"private_cidrs\":null}}");

        WorkspacePolicy stored = admin.policy(WS_A);
        assertThat(stored.maxToolCallsPerRun()).isEqualTo(WorkspacePolicy.DEFAULT_MAX_TOOL_CALLS_PER_RUN);
        assertThat(stored.autoApprove()).isEmpty();
        assertThat(stored.privateCidrs()).isEmpty();
        assertThat(stored.fourEyes()).isTrue();
        assertThat(stored.allowHosts()).containsExactly("api.example.com", "*.example.org");

        patch(WS_A, "{\"four_eyes\":null,\"egress\":null}");
        assertThat(get(WS_A)).isEqualTo(DEFAULTS);
    }

    @Test
    void aPutMissingAnyFieldIs400ListingThemAndChangesNothing() throws Exception {
        put(WS_A, FULL);
        int changes = admin.calls.size();

        assertThat(problem(400, () -> put(WS_A, "{\"read_only\":true}")).detail())
                .startsWith("Missing field(s): four_eyes, max_tool_calls_per_run, auto_approve, egress.");
        assertThat(problem(400, () -> put(WS_A, whole("true", "{\"allow_hosts\":[]}")))
                        .detail())
                .startsWith("Missing field(s): egress.deny_hosts, egress.private_cidrs.");
        assertThat(problem(400, () -> put(WS_A, whole("null", cidrs()))).detail())
                .startsWith("Missing field(s): read_only.");

        assertThat(admin.calls).hasSize(changes);
        assertThat(get(WS_A)).contains("\"four_eyes\":true", "\"10.1.0.0/16\"");
    }

    @Test
    void malformedListsAre400NamingTheEntryOnPutAndPatchAlike() throws Exception {
        Map<String, String> refusals = Map.of(
                "{\"egress\":{\"private_cidrs\":[\"10.0.0.0\"]}}", "egress.private_cidrs[0]",
                "{\"egress\":{\"private_cidrs\":[\"intranet/8\"]}}", "egress.private_cidrs[0]",
                "{\"egress\":{\"private_cidrs\":[\"10.0.0.0/33\"]}}", "egress.private_cidrs[0]",
                "{\"egress\":{\"private_cidrs\":[\"8.8.8.0/24\"]}}", "egress.private_cidrs[0]",
                "{\"egress\":{\"allow_hosts\":[\"ok.com\",\"bad host\"]}}", "egress.allow_hosts[1]",
                "{\"egress\":{\"allow_any\":[]}}", "egress.allow_any",
                "{\"auto_approve\":[{\"tool\":\"Bad Tool\"}]}", "auto_approve[0].tool",
                "{\"auto_approve\":[{\"tool\":\"a.b\",\"arguments\":{\"x\":{}}}]}", "auto_approve[0].arguments.x",
                "{\"max_tool_calls_per_run\":0}", "max_tool_calls_per_run",
                "{\"egress\":{\"private_cidrs\":[\"169.254.0.0/16\"]}}", "egress.private_cidrs[0]");

        refusals.forEach((body, field) -> {
            JsonNode patch = read(body);
            assertThat(problem(400, () -> patch(WS_A, body)).detail()).as(body).contains("'" + field);
            String merged = MergePatch.apply(PolicyBody.json(WorkspacePolicy.DEFAULT), patch)
                    .toString();
            assertThat(problem(400, () -> put(WS_A, merged)).detail())
                    .as(merged)
                    .contains("'" + field);
        });
        assertThat(admin.calls).isEmpty();
        assertThat(get(WS_A)).isEqualTo(DEFAULTS);
    }

    @Test
    void privateCidrsNeverOpenTheHostAndTheRefusalNamesTheRange() throws Exception {
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("127.0.0.0/8", "loopback 127.0.0.0/8"), Map.entry("127.0.0.1/32", "loopback"),
                Map.entry("::1/128", "loopback ::1/128"),
                        Map.entry("169.254.169.254/32", "link-local (cloud metadata)"),
                Map.entry("fe80::/10", "link-local fe80::/10"), Map.entry("0.0.0.0/8", "unspecified 0.0.0.0/8"),
                Map.entry("0.0.0.0/0", "unspecified"), Map.entry("224.0.0.0/4", "multicast"),
                Map.entry("255.255.255.255/32", "broadcast"), Map.entry("240.0.0.0/4", "reserved 240.0.0.0/4"),
                Map.entry("100.64.0.0/10", "carrier-grade NAT"), Map.entry("::ffff:127.0.0.0/104", "loopback"),
                Map.entry("64:ff9b::7f00:0/120", "NAT64"), Map.entry("10.0.0.0/7", "beyond private 10.0.0.0/8"));

        refusals.forEach((cidr, range) -> assertThat(problem(
                                400, () -> put(WS_A, whole("false", cidrs("\"10.1.0.0/16\"", "\"" + cidr + "\""))))
                        .detail())
                .as(cidr)
                .startsWith("Field 'egress.private_cidrs[1]' ")
                .contains(range)
                .contains("10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or fc00::/7"));
        assertThat(admin.calls).isEmpty();

        assertThat(put(
                        WS_A,
                        whole(
                                "false",
                                cidrs("\"10.0.0.0/8\"", "\"172.16.0.0/12\"", "\"192.168.0.0/16\"", "\"fc00::/7\""))))
                .contains("\"192.168.0.0/16\"", "\"fc00::/7\"");
    }

    @Test
    void aBodyOfTheWrongFormIs400NamingTheField() throws Exception {
        put(WS_A, FULL);
        int changes = admin.calls.size();
        Map<String, String> refusals = Map.of(
                "{\"read_only\":\"yes\"}", "Field 'read_only' must be true or false.",
                "{\"read_only\":1}", "Field 'read_only' must be true or false.",
                "{\"approvals\":\"all\"}", "Field 'approvals' is not known.",
                "{\"egress\":[]}", "Field 'egress' must be an object.");

        refusals.forEach((body, detail) -> assertThat(
                        problem(400, () -> patch(WS_A, body)).detail())
                .as(body)
                .isEqualTo(detail));
        for (String notAnObject : new String[] {"[]", "\"read_only\"", "null", "true"}) {
            problem(400, () -> patch(WS_A, notAnObject));
        }
        assertThat(problem(400, () -> put(WS_A, FULL.replace("\"four_eyes\"", "\"approvals\":1,\"four_eyes\"")))
                        .detail())
                .isEqualTo("Field 'approvals' is not known.");
        problem(400, () -> put(WS_A, "[]"));
        assertThat(admin.calls).hasSize(changes);
        assertThat(get(WS_A)).contains("\"four_eyes\":true", "\"10.1.0.0/16\"");
    }

    @Test
    void anotherWorkspacesPolicyIs404AndStaysUntouched() {
        problem(404, () -> get(WS_B));
        problem(404, () -> put(WS_B, DEFAULTS.replace("\"read_only\":false", "\"read_only\":true")));
        problem(404, () -> patch(WS_B, "{\"read_only\":true}"));

        assertThat(admin.policy(WS_B).readOnly()).isFalse();
        assertThat(admin.calls).isEmpty();
    }

    @Test
    void taintedCallsRoundTripMergeAndResetLikeTheOtherFields() throws Exception {
        assertThat(admin.policy(WS_A).taintedCalls()).isEqualTo(WorkspacePolicy.TaintedCalls.DEFAULT);

        String denied = patch(WS_A, "{\"tainted_calls\":{\"write\":\"deny\"}}");

        assertThat(read(denied).get("tainted_calls"))
                .isEqualTo(read("{\"read\":\"allow\",\"write\":\"deny\",\"destructive\":\"approve\"}"));
        assertThat(admin.policy(WS_A).taintedCalls())
                .isEqualTo(new WorkspacePolicy.TaintedCalls(
                        WorkspacePolicy.TaintMode.ALLOW,
                        WorkspacePolicy.TaintMode.DENY,
                        WorkspacePolicy.TaintMode.APPROVE));
        assertThat(get(WS_A)).isEqualTo(denied);
        patch(WS_A, "{\"tainted_calls\":{\"read\":\"approve\"}}");
        assertThat(admin.policy(WS_A).taintedCalls().read()).isEqualTo(WorkspacePolicy.TaintMode.APPROVE);
        assertThat(admin.policy(WS_A).taintedCalls().write())
                .as("the patch merged member by member")
                .isEqualTo(WorkspacePolicy.TaintMode.DENY);

        // A PUT without tainted_calls keeps the rules in force; with them, it sets them.
        put(WS_A, FULL);
        assertThat(admin.policy(WS_A).taintedCalls().write()).isEqualTo(WorkspacePolicy.TaintMode.DENY);
        assertThat(admin.policy(WS_A).fourEyes()).isTrue();
        put(WS_A, DEFAULTS);
        assertThat(admin.policy(WS_A).taintedCalls()).isEqualTo(WorkspacePolicy.TaintedCalls.DEFAULT);

        patch(WS_A, "{\"tainted_calls\":{\"destructive\":\"deny\"}}");
        patch(WS_A, "{\"tainted_calls\":null}");
        assertThat(get(WS_A)).isEqualTo(DEFAULTS);
    }

    @Test
    void badTaintedCallRulesAre400NamingTheFieldAndChangeNothing() throws Exception {
        patch(WS_A, "{\"tainted_calls\":{\"write\":\"deny\"}}");
        int changes = admin.calls.size();
        Map<String, String> refusals = Map.of(
                "{\"tainted_calls\":{\"write\":\"sometimes\"}}",
                "Field 'tainted_calls.write' must be one of allow, approve or deny.",
                "{\"tainted_calls\":{\"read\":\"ALLOW\"}}",
                "Field 'tainted_calls.read' must be one of allow, approve or deny.",
                "{\"tainted_calls\":{\"destructive\":true}}",
                "Field 'tainted_calls.destructive' must be one of allow, approve or deny.",
                "{\"tainted_calls\":{\"admin\":\"allow\"}}",
                "Field 'tainted_calls.admin' is not known: the risks are read, write and destructive.",
                "{\"tainted_calls\":\"deny\"}",
                "Field 'tainted_calls' must be an object of read, write and destructive.",
                "{\"version\":\"0000\"}",
                "Field 'version' is read-only: the server computes it.");

        refusals.forEach((body, detail) -> {
            assertThat(problem(400, () -> patch(WS_A, body)).detail()).as(body).isEqualTo(detail);
        });
        assertThat(problem(400, () -> put(WS_A, FULL.replace("}}", "},\"tainted_calls\":{\"read\":\"deny\"}}")))
                        .detail())
                .startsWith("Missing field(s): tainted_calls.write, tainted_calls.destructive.");
        assertThat(problem(400, () -> put(WS_A, DEFAULTS.replace("\"write\":\"approve\"", "\"write\":\"never\"")))
                        .detail())
                .isEqualTo("Field 'tainted_calls.write' must be one of allow, approve or deny.");

        assertThat(admin.calls).hasSize(changes);
        assertThat(admin.policy(WS_A).taintedCalls().write()).isEqualTo(WorkspacePolicy.TaintMode.DENY);
        // The legitimate change still goes through.
        patch(WS_A, "{\"tainted_calls\":{\"write\":\"allow\"}}");
        assertThat(admin.policy(WS_A).taintedCalls().write()).isEqualTo(WorkspacePolicy.TaintMode.ALLOW);
    }

    @Test
    void theVersionChangesWithEveryChangeAndComesBackWithTheSamePolicy() throws Exception {
        String first = document(WS_A).path("version").textValue();
        assertThat(first).matches("[0-9a-f]{64}").isEqualTo(WorkspacePolicy.DEFAULT.version());

        patch(WS_A, "{\"tainted_calls\":{\"read\":\"deny\"}}");
        String second = document(WS_A).path("version").textValue();
        patch(WS_A, "{\"egress\":{\"deny_hosts\":[\"a.example.net\"]}}");
        String third = document(WS_A).path("version").textValue();
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();

        patch(WS_A, "{\"four_eyes\":false}"); // no change
        assertThat(document(WS_A).path("version").textValue()).isEqualTo(third);
        // What GET answers, version included, PUT takes back; the version is the server's.
        JsonNode whole = document(WS_A);
        assertThat(json(call(PUT, PATH, ADMIN_A, Map.of("ws", WS_A), whole.toString())))
                .isEqualTo(whole);
        patch(WS_A, "{\"tainted_calls\":null,\"egress\":null}");
        assertThat(document(WS_A).path("version").textValue()).isEqualTo(first);
    }

    @Test
    void patchAndPutNeedThePolicyWritePermission() {
        assertThat(route(PATCH, PATH).access()).isEqualTo(route(PUT, PATH).access());
        assertThat(route(PUT, PATH).access().toString()).contains(PolicyRoutes.WRITE);
    }
}
