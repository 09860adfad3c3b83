package io.portcullis.agent.internal.api;

import static io.portcullis.agent.internal.api.Fixture.CALLER;
import static io.portcullis.agent.internal.api.Fixture.OTHER;
import static io.portcullis.agent.internal.api.Fixture.OTHER_CALLER;
import static io.portcullis.agent.internal.api.Fixture.WS;
import static io.portcullis.agent.internal.api.Fixture.json;
import static io.portcullis.agent.internal.api.Fixture.problem;
import static io.portcullis.agent.internal.api.Fixture.ws;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.agent.internal.data.HandoffRules;
import io.portcullis.agent.internal.data.Limits;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.testing.FakeRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents: created with defaults, checked field by field, versioned on change, private to their workspace. */
class AgentRoutesTest {

    static final String BASE = AgentRoutes.BASE;
    static final String ONE = BASE + "/{id}";

    Fixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture();
    }

    ApiResponse create(String body) throws Exception {
        return f.call(HttpMethod.POST, BASE, CALLER, ws(WS), body);
    }

    @Test
    void createsVersionOneWithTheDefaultsAndPutsItOnTheRecord() throws Exception {
        ApiResponse created = create(
                "{\"name\":\"support\",\"instructions\":\"Help.\",\"model_profile\":\"gpt-small\",\"tools\":[\"search.docs\"]}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode agent = json(created);
        assertThat(created.headers().get("Location"))
                .isEqualTo("/api/v1/workspaces/" + WS + "/agents/"
                        + agent.get("id").asText());
        assertThat(agent.get("name").asText()).isEqualTo("support");
        assertThat(agent.get("version").asInt()).isEqualTo(1);
        assertThat(agent.get("model_profile").asText()).isEqualTo("gpt-small");
        assertThat(agent.get("tools")).extracting(JsonNode::asText).containsExactly("search.docs");
        assertThat(agent.get("limits").get("model_calls").asInt()).isEqualTo(Limits.DEFAULT.modelCalls());
        assertThat(agent.get("limits").get("tool_calls_per_turn").asInt()).isEqualTo(Limits.DEFAULT.toolCallsPerTurn());
        assertThat(agent.get("limits").get("wall_clock_seconds").asInt()).isEqualTo(Limits.DEFAULT.wallClockSeconds());
        assertThat(agent.get("limits").get("max_tokens").asInt()).isEqualTo(Limits.DEFAULT.maxTokens());
        assertThat(agent.get("handoff").get("message").asText()).isEqualTo(HandoffRules.DEFAULT_MESSAGE);
        assertThat(agent.get("handoff").get("keywords")).isEmpty();
        assertThat(agent.has("created_at")).isTrue();
        assertThat(f.audit.events)
                .extracting(AuditEvent::action, AuditEvent::decision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agent.create", Decision.ALLOWED));
    }

    @Test
    void refusesEachBadFieldNamingItAndRecordsTheRefusal() throws Exception {
        String ok = "\"instructions\":\"Help.\",\"model_profile\":\"p\"";
        List<String[]> cases = List.of(
                new String[] {"{" + ok + "}", "'name'"},
                new String[] {"{\"name\":\"Support\"," + ok + "}", "'name'"},
                new String[] {"{\"name\":\"-x\"," + ok + "}", "'name'"},
                new String[] {"{\"name\":\"" + "a".repeat(65) + "\"," + ok + "}", "'name'"},
                new String[] {"{\"name\":\"a-" + FakeRequest.LIVE_SECRET + "\"," + ok + "}", "'name'"},
                new String[] {"{\"name\":\"a\",\"model_profile\":\"p\"}", "'instructions'"},
                new String[] {"{\"name\":\"a\",\"instructions\":\"  \",\"model_profile\":\"p\"}", "'instructions'"},
                new String[] {"{\"name\":\"a\",\"instructions\":\"x\"}", "'model_profile'"},
                new String[] {"{\"name\":\"a\",\"instructions\":\"x\",\"model_profile\":\"P Q\"}", "'model_profile'"},
                new String[] {"{\"name\":\"a\"," + ok + ",\"tools\":[\"crm.delete\"]}", "'tools[0]'"},
                new String[] {
                    "{\"name\":\"a\"," + ok + ",\"tools\":[\"search.docs\",\"handoff\"]}",
                    "'tools[1]' names the reserved"
                },
                new String[] {"{\"name\":\"a\"," + ok + ",\"tools\":[\"search.docs\",\"search.docs\"]}", "'tools[1]'"},
                new String[] {"{\"name\":\"a\"," + ok + ",\"limits\":{\"model_calls\":0}}", "'limits.model_calls'"},
                new String[] {
                    "{\"name\":\"a\"," + ok + ",\"limits\":{\"model_calls\":" + (Limits.MAX.modelCalls() + 1) + "}}",
                    "'limits.model_calls'"
                },
                new String[] {
                    "{\"name\":\"a\"," + ok + ",\"limits\":{\"tool_calls_per_turn\":"
                            + (Limits.MAX.toolCallsPerTurn() + 1) + "}}",
                    "'limits.tool_calls_per_turn'"
                },
                new String[] {
                    "{\"name\":\"a\"," + ok + ",\"limits\":{\"wall_clock_seconds\":-1}}", "'limits.wall_clock_seconds'"
                },
                new String[] {
                    "{\"name\":\"a\"," + ok + ",\"limits\":{\"max_tokens\":" + (Limits.MAX.maxTokens() + 1) + "}}",
                    "'limits.max_tokens'"
                },
                new String[] {"{\"name\":\"a\"," + ok + ",\"handoff\":{\"keywords\":[\"\"]}}", "'handoff.keywords[0]'"},
                new String[] {"{\"name\":\"a\"," + ok + ",\"handoff\":{\"message\":\" \"}}", "'handoff.message'"});
        for (String[] c : cases) {
            assertThat(problem(400, () -> create(c[0])).detail()).as(c[0]).contains(c[1]);
        }
        problem(400, () -> create("{\"name\":\"a\"," + ok + ",\"colour\":\"red\"}")); // unknown field
        assertThat(f.agents.list(WS, new io.portcullis.web.PageRequest(10, "")).items())
                .isEmpty();
        assertThat(f.audit.events)
                .hasSize(cases.size() + 1)
                .allMatch(e -> e.decision() == Decision.DENIED
                        && e.action().equals("agent.create")
                        && e.resultStatus() == 400);
        // the legitimate path still works
        assertThat(create("{\"name\":\"a_b-1\"," + ok + ",\"tools\":[\"search.docs\",\"ticket.update\"],"
                                + "\"limits\":{\"model_calls\":" + Limits.MAX.modelCalls()
                                + ",\"tool_calls_per_turn\":1},"
                                + "\"handoff\":{\"keywords\":[\"human\"],\"message\":\"A person will answer.\"}}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aNameIsTakenOnlyOncePerWorkspace() throws Exception {
        f.agent(WS, "support");
        problem(409, () -> f.agent(WS, "support"));
        assertThat(f.agent(OTHER, "support")).isNotEmpty();
    }

    @Test
    void patchMergesIntoTheNextVersionAndKeepsTheOldOne() throws Exception {
        String id = f.agent(WS, "support");
        ApiResponse patched = f.call(
                HttpMethod.PATCH,
                ONE,
                CALLER,
                ws(WS, "id", id),
                "{\"instructions\":\"Be brief.\",\"limits\":{\"tool_calls_per_turn\":2},\"tools\":[\"ticket.update\"]}");
        JsonNode v2 = json(patched);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("instructions").asText()).isEqualTo("Be brief.");
        assertThat(v2.get("model_profile").asText()).isEqualTo("default"); // kept
        assertThat(v2.get("limits").get("tool_calls_per_turn").asInt()).isEqualTo(2);
        assertThat(v2.get("limits").get("model_calls").asInt()).isEqualTo(Limits.DEFAULT.modelCalls()); // kept
        assertThat(v2.get("tools")).extracting(JsonNode::asText).containsExactly("ticket.update");
        JsonNode v1 =
                json(f.call(HttpMethod.GET, ONE + "/versions/{version}", CALLER, ws(WS, "id", id, "version", "1"), ""));
        assertThat(v1.get("instructions").asText()).isEqualTo("Be kind.");
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(json(f.call(HttpMethod.GET, ONE, CALLER, ws(WS, "id", id), ""))
                        .get("version")
                        .asInt())
                .isEqualTo(2);
        problem(
                404,
                () -> f.call(
                        HttpMethod.GET, ONE + "/versions/{version}", CALLER, ws(WS, "id", id, "version", "3"), ""));
        problem(
                404,
                () -> f.call(
                        HttpMethod.GET, ONE + "/versions/{version}", CALLER, ws(WS, "id", id, "version", "0"), ""));
        problem(400, () -> f.call(HttpMethod.PATCH, ONE, CALLER, ws(WS, "id", id), "{\"tools\":[\"handoff\"]}"));
        assertThat(f.agents.find(WS, id).orElseThrow().version()).isEqualTo(2); // the refused change made no version
    }

    @Test
    void anotherWorkspacesAgentIsMissingEverywhere() throws Exception {
        String theirs = f.agent(OTHER, "theirs");
        problem(404, () -> f.call(HttpMethod.GET, ONE, CALLER, ws(WS, "id", theirs), ""));
        problem(404, () -> f.call(HttpMethod.PATCH, ONE, CALLER, ws(WS, "id", theirs), "{\"instructions\":\"x\"}"));
        problem(404, () -> f.call(HttpMethod.DELETE, ONE, CALLER, ws(WS, "id", theirs), ""));
        problem(
                404,
                () -> f.call(
                        HttpMethod.GET, ONE + "/versions/{version}", CALLER, ws(WS, "id", theirs, "version", "1"), ""));
        problem(404, () -> f.call(HttpMethod.GET, ONE, CALLER, ws(WS, "id", "not-an-id"), ""));
        // a caller naming the other workspace in the path is refused as a missing one
        problem(404, () -> f.call(HttpMethod.GET, ONE, CALLER, ws(OTHER, "id", theirs), ""));
        assertThat(json(f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "")).get("items"))
                .isEmpty();
        assertThat(json(f.call(HttpMethod.GET, ONE, OTHER_CALLER, ws(OTHER, "id", theirs), ""))
                        .get("name")
                        .asText())
                .isEqualTo("theirs");
        assertThat(f.agents.find(OTHER, theirs).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void deleteIsRefusedWhileAConversationUsesTheAgent() throws Exception {
        String used = f.agent(WS, "used");
        f.conversations.create(WS, used, "api", () -> {});
        problem(409, () -> f.call(HttpMethod.DELETE, ONE, CALLER, ws(WS, "id", used), ""));
        String unused = f.agent(WS, "unused");
        assertThat(f.call(HttpMethod.DELETE, ONE, CALLER, ws(WS, "id", unused), "")
                        .status())
                .isEqualTo(204);
        problem(404, () -> f.call(HttpMethod.GET, ONE, CALLER, ws(WS, "id", unused), ""));
        assertThat(f.agents.find(WS, used)).isPresent();
    }

    @Test
    void listsPageByPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            f.agent(WS, "a" + i);
        }
        JsonNode first = json(
                f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "", java.util.Map.of("limit", "2"), java.util.Map.of()));
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("next_cursor").asText();
        JsonNode second = json(f.call(
                HttpMethod.GET,
                BASE,
                CALLER,
                ws(WS),
                "",
                java.util.Map.of("limit", "2", "cursor", cursor),
                java.util.Map.of()));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("next_cursor").isNull()).isTrue();
        problem(
                400,
                () -> f.call(
                        HttpMethod.GET,
                        BASE,
                        CALLER,
                        ws(WS),
                        "",
                        java.util.Map.of("cursor", "../x"),
                        java.util.Map.of()));
    }
}
