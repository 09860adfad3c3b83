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
import io.portcullis.agent.internal.data.NewStep;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs: read with their usage and steps, cancelled by operators, private to their workspace. */
class RunRoutesTest {

    static final String BASE = RunRoutes.BASE;
    static final String ONE = BASE + "/{id}";

    Fixture f;
    String conversation;
    String run;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture();
        conversation = f.conversation(WS);
        run = f.run(conversation);
    }

    @Test
    void showsTheRunWithItsCountersAndUsage() throws Exception {
        f.runs.count(WS, run, 2, 1, 100, 20, 345, 1500);
        JsonNode view = json(f.call(HttpMethod.GET, ONE, CALLER, ws(WS, "id", run), ""));
        assertThat(view.get("id").asText()).isEqualTo(run);
        assertThat(view.get("conversation_id").asText()).isEqualTo(conversation);
        assertThat(view.get("agent_version").asInt()).isEqualTo(1);
        assertThat(view.get("state").asText()).isEqualTo("queued");
        assertThat(view.get("label").asText()).isEqualTo("trusted");
        assertThat(view.get("cancel_requested").asBoolean()).isFalse();
        assertThat(view.get("model_calls").asInt()).isEqualTo(2);
        assertThat(view.get("tool_calls").asInt()).isEqualTo(1);
        assertThat(view.get("usage").get("input_tokens").asLong()).isEqualTo(100);
        assertThat(view.get("usage").get("output_tokens").asLong()).isEqualTo(20);
        assertThat(view.get("usage").get("cost_micros").asLong()).isEqualTo(345);
        assertThat(view.get("active_millis").asLong()).isEqualTo(1500);
        assertThat(view.has("ended_at")).isTrue();
    }

    @Test
    void listsByConversationAndShowsStepsInOrder() throws Exception {
        String second = f.conversation(WS);
        f.run(second);
        assertThat(json(f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "")).get("items"))
                .hasSize(2);
        JsonNode ofFirst = json(
                f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "", Map.of("conversation_id", conversation), Map.of()));
        assertThat(ofFirst.get("items")).extracting(r -> r.get("id").asText()).containsExactly(run);

        f.runs.startStep(WS, run, new NewStep("model", null, null, "ab", Trust.TRUSTED, "{\"finish\":\"tool_calls\"}"));
        f.runs.startStep(WS, run, new NewStep("tool", "call-1", "search.docs", null, Trust.TRUSTED, "{}"));
        f.runs.finishStep(WS, run, 2, "done", "{\"code\":\"ok\"}", null, null);
        JsonNode steps = json(f.call(HttpMethod.GET, ONE + "/steps", CALLER, ws(WS, "id", run), ""));
        assertThat(steps.get("items")).extracting(s -> s.get("kind").asText()).containsExactly("model", "tool");
        JsonNode tool = steps.get("items").get(1);
        assertThat(tool.get("seq").asInt()).isEqualTo(2);
        assertThat(tool.get("state").asText()).isEqualTo("done");
        assertThat(tool.get("tool").asText()).isEqualTo("search.docs");
        assertThat(tool.get("detail").get("code").asText()).isEqualTo("ok"); // JSON, not a string of JSON
        JsonNode page = json(
                f.call(HttpMethod.GET, ONE + "/steps", CALLER, ws(WS, "id", run), "", Map.of("limit", "1"), Map.of()));
        assertThat(page.get("items")).hasSize(1);
        JsonNode next = json(f.call(
                HttpMethod.GET,
                ONE + "/steps",
                CALLER,
                ws(WS, "id", run),
                "",
                Map.of("limit", "1", "cursor", page.get("next_cursor").asText()),
                Map.of()));
        assertThat(next.get("items")).extracting(s -> s.get("seq").asInt()).containsExactly(2);
    }

    @Test
    void anotherWorkspacesRunIsMissingEverywhere() throws Exception {
        String theirs = f.conversation(OTHER);
        String theirRun = json(f.call(
                        HttpMethod.POST,
                        ConversationRoutes.BASE + "/{id}/messages",
                        OTHER_CALLER,
                        ws(OTHER, "id", theirs),
                        "{\"content\":\"hi\"}"))
                .get("run")
                .get("id")
                .asText();
        problem(404, () -> f.call(HttpMethod.GET, ONE, CALLER, ws(WS, "id", theirRun), ""));
        problem(404, () -> f.call(HttpMethod.GET, ONE + "/steps", CALLER, ws(WS, "id", theirRun), ""));
        problem(404, () -> f.call(HttpMethod.POST, ONE + "/cancel", CALLER, ws(WS, "id", theirRun), ""));
        problem(404, () -> f.call(HttpMethod.GET, EventRoutes.PATH, CALLER, ws(WS, "id", theirRun), ""));
        problem(
                404,
                () -> f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "", Map.of("conversation_id", theirs), Map.of()));
        problem(400, () -> f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "", Map.of("conversation_id", "x"), Map.of()));
        assertThat(json(f.call(HttpMethod.GET, BASE, CALLER, ws(WS), "")).get("items"))
                .extracting(r -> r.get("id").asText())
                .containsExactly(run);
        assertThat(f.engine.cancelled).isEmpty();
        assertThat(f.runs.find(OTHER, theirRun).orElseThrow().cancelRequested()).isFalse();
    }

    @Test
    void cancelAsksTheEngineWhileTheRunGoesOnAndAnswersAnEndedRunAsItIs() throws Exception {
        ApiResponse cancelled = f.call(HttpMethod.POST, ONE + "/cancel", CALLER, ws(WS, "id", run), "");
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(json(cancelled).get("cancel_requested").asBoolean()).isTrue();
        assertThat(f.engine.cancelled).containsExactly(run);

        String ended = f.run(f.conversation(WS));
        assertThat(f.runs.transition(WS, ended, RunState.QUEUED, RunState.COMPLETED, "answered"))
                .isTrue();
        ApiResponse again = f.call(HttpMethod.POST, ONE + "/cancel", CALLER, ws(WS, "id", ended), "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(json(again).get("state").asText()).isEqualTo("completed");
        assertThat(json(again).get("end_reason").asText()).isEqualTo("answered");
        assertThat(f.engine.cancelled).containsExactly(run);
    }
}
