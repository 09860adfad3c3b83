package io.portcullis.agent.internal.api;

import static io.portcullis.agent.internal.api.Fixture.CALLER;
import static io.portcullis.agent.internal.api.Fixture.OTHER;
import static io.portcullis.agent.internal.api.Fixture.WS;
import static io.portcullis.agent.internal.api.Fixture.json;
import static io.portcullis.agent.internal.api.Fixture.problem;
import static io.portcullis.agent.internal.api.Fixture.ws;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.testing.FakeRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The review queue: items move in the allowed order only, each change in their history and on the record. */
class ReviewRoutesTest {

    static final String BASE = ReviewRoutes.BASE;
    static final String ONE = BASE + "/{id}";

    Fixture f;
    String item;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture();
        item = f.review
                .open(WS, "escalation", null, null, "handoff_keyword", "The customer asked for a person.", "system")
                .id();
    }

    ApiResponse patch(String id, String body) throws Exception {
        return f.call(HttpMethod.PATCH, ONE, CALLER, ws(WS, "id", id), body);
    }

    @Test
    void movesOpenToInProgressToResolvedWithItsHistory() throws Exception {
        JsonNode taken = json(patch(item, "{\"status\":\"in_progress\",\"assignee\":\"alice\"}"));
        assertThat(taken.get("status").asText()).isEqualTo("in_progress");
        assertThat(taken.get("assignee").asText()).isEqualTo("alice");
        JsonNode resolved = json(patch(item, "{\"status\":\"resolved\"}"));
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("assignee").asText()).isEqualTo("alice");

        JsonNode read = json(f.call(HttpMethod.GET, ONE, CALLER, ws(WS, "id", item), ""));
        assertThat(read.get("kind").asText()).isEqualTo("escalation");
        assertThat(read.get("reason").asText()).isEqualTo("handoff_keyword");
        assertThat(read.get("history"))
                .extracting(h -> h.get("status").asText())
                .containsExactly("open", "in_progress", "resolved");
        assertThat(read.get("history").get(1).get("actor_id").asText()).isEqualTo(CALLER.principalId());
        assertThat(read.get("history").get(1).has("at")).isTrue();
        assertThat(f.audit.events.stream().filter(e -> e.action().equals("review.update")))
                .extracting(AuditEvent::decision)
                .containsExactly(Decision.ALLOWED, Decision.ALLOWED);
    }

    @Test
    void refusesMovesOutOfOrderAndKeepsTheItemAsItWas() throws Exception {
        assertThat(json(patch(item, "{\"status\":\"resolved\"}")).get("status").asText())
                .isEqualTo("resolved");
        problem(409, () -> patch(item, "{\"status\":\"in_progress\"}"));
        assertThat(f.review.find(WS, item).orElseThrow().status()).isEqualTo("resolved");
        assertThat(json(patch(item, "{\"status\":\"open\"}")).get("status").asText())
                .isEqualTo("open");
        assertThat(f.audit.events.stream().filter(e -> e.decision() == Decision.DENIED))
                .extracting(AuditEvent::resultStatus)
                .containsExactly(409);
    }

    @Test
    void refusesBadBodiesAndAnotherWorkspacesItems() throws Exception {
        problem(400, () -> patch(item, "{}"));
        problem(400, () -> patch(item, "{\"status\":\"done\"}"));
        problem(400, () -> patch(item, "{\"assignee\":\"" + FakeRequest.LIVE_SECRET + "\"}"));
        problem(400, () -> patch(item, "{\"assignee\":\"a\\u0000b\"}"));
        String theirs = f.review
                .open(OTHER, "escalation", null, null, "failed", "x", "system")
                .id();
        problem(404, () -> patch(theirs, "{\"status\":\"resolved\"}"));
        problem(404, () -> f.call(HttpMethod.GET, ONE, CALLER, ws(WS, "id", theirs), ""));
        assertThat(f.review.find(OTHER, theirs).orElseThrow().status()).isEqualTo("open");
        assertThat(f.review.find(WS, item).orElseThrow().status()).isEqualTo("open");
        // unassigning with ""
        patch(item, "{\"assignee\":\"bob\"}");
        assertThat(json(patch(item, "{\"assignee\":\"\"}")).get("assignee").isNull())
                .isTrue();
    }

    @Test
    void listsOpenItemsFirstAndFiltersByStatus() throws Exception {
        String second = f.review
                .open(WS, "escalation", null, null, "failed", "x", "system")
                .id();
        patch(item, "{\"status\":\"resolved\"}");
        JsonNode all = json(f.call(HttpMethod.GET, BASE, CALLER, ws(WS), ""));
        assertThat(all.get("items")).extracting(i -> i.get("id").asText()).containsExactly(second, item);
        JsonNode open = json(f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "", Map.of("status", "open"), Map.of()));
        assertThat(open.get("items")).extracting(i -> i.get("id").asText()).containsExactly(second);
        JsonNode page = json(f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "", Map.of("limit", "1"), Map.of()));
        JsonNode next = json(f.call(
                HttpMethod.GET,
                BASE,
                CALLER,
                ws(WS),
                "",
                Map.of("limit", "1", "cursor", page.get("next_cursor").asText()),
                Map.of()));
        assertThat(next.get("items")).extracting(i -> i.get("id").asText()).containsExactly(item);
        problem(400, () -> f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "", Map.of("status", "closed"), Map.of()));
    }
}
