package io.portcullis.agent.internal.api;

import static io.portcullis.agent.internal.api.Fixture.CALLER;
import static io.portcullis.agent.internal.api.Fixture.OTHER;
import static io.portcullis.agent.internal.api.Fixture.OTHER_CALLER;
import static io.portcullis.agent.internal.api.Fixture.WS;
import static io.portcullis.agent.internal.api.Fixture.problem;
import static io.portcullis.agent.internal.api.Fixture.ws;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.agent.internal.AgentSettings;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.StreamingBody;
import io.portcullis.web.testing.FakeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run event stream: replay after Last-Event-ID, pings while idle, the end, the caps, a client leaving. */
class EventStreamTest {

    static final String PATH = EventRoutes.PATH;

    Fixture f;
    String run;

    @BeforeEach
    void setUp() throws Exception {
        AgentSettings settings = new AgentSettings(
                1, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofHours(1), 50, 3, 2, Duration.ofHours(1));
        f = new Fixture(settings, Duration.ofMillis(1));
        run = f.run(f.conversation(WS));
    }

    /** The four events of a short run, which then ends. */
    void answer(String runId) throws SQLException {
        f.runs.appendEvent(WS, runId, "run.state", "{\"state\":\"running\"}");
        f.runs.appendEvent(WS, runId, "message.delta", "{\"text\":\"Hel\"}");
        f.runs.appendEvent(
                WS, runId, "message.completed", "{\"message_id\":\"m\",\"role\":\"assistant\",\"content\":\"Hello\"}");
        f.runs.appendEvent(WS, runId, "run.end", "{\"state\":\"completed\",\"reason\":\"answered\"}");
        assertThat(f.runs.transition(WS, runId, RunState.QUEUED, RunState.COMPLETED, "answered"))
                .isTrue();
    }

    ApiResponse open(
            Caller caller, String workspace, String runId, Map<String, String> query, Map<String, String> headers)
            throws Exception {
        return f.call(HttpMethod.GET, PATH, caller, ws(workspace, "id", runId), "", query, headers);
    }

    static String write(ApiResponse response) throws IOException {
        assertThat(response.status()).isEqualTo(200);
        StreamingBody body = (StreamingBody) response.body();
        assertThat(body.contentType()).isEqualTo("text/event-stream");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The events of an SSE text: id, type and data of each, comments left out. */
    static List<String[]> events(String text) {
        List<String[]> events = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            String id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (type != null) {
                events.add(new String[] {id, type, data.toString()});
            }
        }
        return events;
    }

    @Test
    void replaysEverythingThenEndsAfterRunEnd() throws Exception {
        answer(run);
        List<String[]> events = events(write(open(CALLER, WS, run, Map.of(), Map.of())));
        assertThat(events).extracting(e -> e[0]).containsExactly("1", "2", "3", "4");
        assertThat(events)
                .extracting(e -> e[1])
                .containsExactly("run.state", "message.delta", "message.completed", "run.end");
        JsonNode end = FakeRequest.JSON.readTree(events.get(3)[2]);
        assertThat(end.get("state").asText()).isEqualTo("completed");
    }

    @Test
    void replaysAfterLastEventIdWhichWinsOverAfter() throws Exception {
        answer(run);
        List<String[]> fromHeader =
                events(write(open(CALLER, WS, run, Map.of("after", "0"), Map.of("Last-Event-ID", "2"))));
        assertThat(fromHeader).extracting(e -> e[0]).containsExactly("3", "4");
        List<String[]> fromQuery = events(write(open(CALLER, WS, run, Map.of("after", "3"), Map.of())));
        assertThat(fromQuery).extracting(e -> e[0]).containsExactly("4");
        assertThat(events(write(open(CALLER, WS, run, Map.of(), Map.of("last-event-id", "4")))))
                .isEmpty();
        problem(400, () -> open(CALLER, WS, run, Map.of(), Map.of("Last-Event-ID", "x")));
        problem(400, () -> open(CALLER, WS, run, Map.of("after", "-1"), Map.of()));
    }

    @Test
    void pingsWhileNothingHappensAndEndsWhenTheRunDoes() throws Exception {
        f.runs.appendEvent(WS, run, "run.state", "{\"state\":\"running\"}");
        ApiResponse response = open(CALLER, WS, run, Map.of(), Map.of());
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            boolean ended;

            @Override
            public void write(int b) {
                seen.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                seen.write(b, off, len);
                if (!ended && new String(b, off, len, StandardCharsets.UTF_8).startsWith(": ping")) {
                    ended = true; // the run ends while the client waits
                    try {
                        f.runs.appendEvent(WS, run, "run.end", "{\"state\":\"cancelled\",\"reason\":\"cancelled\"}");
                        f.runs.transition(WS, run, RunState.QUEUED, RunState.CANCELLED, "cancelled");
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }
            }
        };
        ((StreamingBody) response.body()).writeTo(out);
        String text = seen.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(": ping\n\n");
        assertThat(text.indexOf(": ping")).isGreaterThan(text.indexOf("event: run.state"));
        assertThat(events(text)).extracting(e -> e[1]).containsExactly("run.state", "run.end");
    }

    @Test
    void capsStreamsPerWorkspaceAndPerNodeWith503AndRetryAfter() throws Exception {
        ApiResponse first = open(CALLER, WS, run, Map.of(), Map.of());
        open(CALLER, WS, run, Map.of(), Map.of());
        ApiResponse refused = open(CALLER, WS, run, Map.of(), Map.of());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsEntry("Retry-After", "5");
        StreamingBody problemBody = (StreamingBody) refused.body();
        assertThat(problemBody.contentType()).isEqualTo("application/problem+json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        problemBody.writeTo(out);
        assertThat(FakeRequest.JSON.readTree(out.toByteArray()).get("status").asInt())
                .isEqualTo(503);

        String theirs = json(f, OTHER);
        assertThat(open(OTHER_CALLER, OTHER, theirs, Map.of(), Map.of()).status())
                .isEqualTo(200); // node: 3 of 3
        assertThat(open(OTHER_CALLER, OTHER, theirs, Map.of(), Map.of()).status())
                .isEqualTo(503);

        answer(run);
        write(first); // a stream that ends frees its place
        assertThat(open(CALLER, WS, run, Map.of(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aClientThatLeavesEndsItsStreamOnlyAndFreesItsPlace() throws Exception {
        ApiResponse first = open(CALLER, WS, run, Map.of(), Map.of());
        open(CALLER, WS, run, Map.of(), Map.of());
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        f.runs.appendEvent(WS, run, "run.state", "{\"state\":\"running\"}");
        ((StreamingBody) first.body()).writeTo(gone); // returns: nothing thrown at the server
        assertThat(open(CALLER, WS, run, Map.of(), Map.of()).status()).isEqualTo(200);
        assertThat(f.engine.cancelled).isEmpty();
        assertThat(f.runs.find(WS, run).orElseThrow().state()).isEqualTo(RunState.QUEUED);
        assertThat(f.runs.find(WS, run).orElseThrow().cancelRequested()).isFalse();
    }

    /** A run of a new conversation in {@code workspace}. */
    static String json(Fixture f, String workspace) throws Exception {
        String conversation = f.conversation(workspace);
        Caller caller = WS.equals(workspace) ? CALLER : OTHER_CALLER;
        return Fixture.json(f.call(
                        HttpMethod.POST,
                        ConversationRoutes.BASE + "/{id}/messages",
                        caller,
                        ws(workspace, "id", conversation),
                        "{\"content\":\"hi\"}"))
                .get("run")
                .get("id")
                .asText();
    }
}
