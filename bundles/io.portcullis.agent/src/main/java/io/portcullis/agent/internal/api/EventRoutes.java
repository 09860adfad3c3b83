package io.portcullis.agent.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunEvent;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.agent.internal.run.Runs;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.StreamingBody;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET …/runs/{id}/events}: the run's events as server-sent events, from the start or after the
 * {@code Last-Event-ID} header (or {@code ?after=}), a comment every ping interval while nothing
 * happens, ending after {@code run.end}. A client that leaves ends its stream only: the run goes on.
 * Each stream holds an HTTP thread, so a node serves at most so many (and so many per workspace);
 * beyond, 503 with {@code Retry-After}.
 */
final class EventRoutes {

    static final String PATH = RunRoutes.BASE + "/{id}/events";
    static final String EVENT_STREAM = "text/event-stream";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final String RUN_END = "run.end";
    /** Seconds a refused client is asked to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DRAIN = 200;

    private final RunStore runs;
    private final Runs engine;
    private final StreamSlots slots;
    private final Duration ping;

    EventRoutes(RunStore runs, Runs engine, StreamSlots slots, Duration ping) {
        this.runs = runs;
        this.engine = engine;
        this.slots = slots;
        this.ping = ping;
    }

    List<Route> routes() {
        return List.of(Route.get(PATH, this::events)
                .requires(RunRoutes.READ)
                .summary("Stream a run's events (text/event-stream), replaying after Last-Event-ID")
                .description("Each event: 'id: <seq>', 'event: <type>', 'data: <json>'. Types: run.state,"
                        + " message.delta, message.completed, tool.call, tool.result, approval.required, usage,"
                        + " run.end (the last). A comment every 15 s while idle. 503 with Retry-After when the"
                        + " node or the workspace has too many streams open.")
                .query("after: replay the events after this sequence number (as Last-Event-ID)")
                .status(200)
                .problems(503));
    }

    ApiResponse events(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Run run = runs.find(workspaceId, Requests.id(request, "id")).orElseThrow(ProblemException::notFound);
        long after = after(request);
        Optional<StreamSlots.Slot> slot = slots.acquire(workspaceId);
        if (slot.isEmpty()) {
            return unavailable(request.requestId());
        }
        return new ApiResponse(
                200,
                new EventStream(workspaceId, run, after, slot.get()),
                Map.of("Cache-Control", "no-store", "X-Accel-Buffering", "no"));
    }

    /** Where the replay starts: {@code Last-Event-ID} (a reconnecting client's), else {@code ?after=}, else 0. */
    static long after(ApiRequest request) {
        Optional<String> header = request.header(LAST_EVENT_ID).map(String::strip);
        if (header.isPresent()) {
            return seq(header.get(), "Header '" + LAST_EVENT_ID + "'");
        }
        Optional<String> query = request.queryParam("after");
        return query.isPresent() ? seq(query.get(), "Query parameter 'after'") : 0;
    }

    private static long seq(String value, String what) {
        if (!Requests.SEQ.matcher(value).matches()) {
            throw ProblemException.badRequest(what + " must be an event id (a non-negative integer).");
        }
        return Long.parseLong(value);
    }

    /** The events of one run, written on the request's thread as they come. */
    final class EventStream implements StreamingBody {
        private final String workspaceId;
        private final Run run;
        private final StreamSlots.Slot slot;
        private long cursor;

        EventStream(String workspaceId, Run run, long after, StreamSlots.Slot slot) {
            this.workspaceId = workspaceId;
            this.run = run;
            this.cursor = after;
            this.slot = slot;
        }

        @Override
        public String contentType() {
            return EVENT_STREAM;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (slot) {
                out.flush(); // the status and headers, at once
                stream(out);
            } catch (IOException | UncheckedIOException gone) {
                // the client left: its stream ends, the run goes on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                throw new IOException("reading the run's events failed", e); // cuts the stream short
            }
        }

        private void stream(OutputStream out) throws IOException, SQLException, InterruptedException {
            if (ended()) {
                drain(out);
                return;
            }
            while (true) {
                List<RunEvent> events = engine.await(workspaceId, run.id(), cursor, ping);
                if (events.isEmpty()) {
                    if (ended()) {
                        drain(out);
                        return;
                    }
                    comment(out, "ping");
                } else if (write(out, events)) {
                    return;
                }
            }
        }

        /** Whether the run has ended (or is gone): what is left to tell is all there will be. */
        private boolean ended() throws SQLException {
            return runs.find(workspaceId, run.id())
                    .map(r -> r.state().terminal())
                    .orElse(true);
        }

        private void drain(OutputStream out) throws IOException, SQLException {
            while (true) {
                List<RunEvent> events = runs.events(workspaceId, run.id(), cursor, DRAIN);
                if (events.isEmpty() || write(out, events)) {
                    return;
                }
            }
        }

        /** Writes the events and flushes them; true after {@code run.end}. */
        private boolean write(OutputStream out, List<RunEvent> events) throws IOException {
            for (RunEvent event : events) {
                StringBuilder text = new StringBuilder();
                text.append("id: ").append(event.seq()).append('\n');
                text.append("event: ").append(event.type()).append('\n');
                for (String line : event.data().split("\r\n|\r|\n", -1)) {
                    text.append("data: ").append(line).append('\n');
                }
                text.append('\n');
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                cursor = event.seq();
                if (RUN_END.equals(event.type())) {
                    out.flush();
                    return true;
                }
            }
            out.flush();
            return false;
        }

        private static void comment(OutputStream out, String text) throws IOException {
            out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** 503 as an RFC 9457 problem with {@code Retry-After}, which a {@code ProblemException} cannot carry. */
    static ApiResponse unavailable(String requestId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Service Unavailable");
        problem.put("status", 503);
        problem.put("detail", "Too many event streams are open; try again later.");
        problem.put("request_id", requestId);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StreamingBody body = new StreamingBody() {
            @Override
            public String contentType() {
                return PROBLEM_JSON;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(json);
            }
        };
        return new ApiResponse(503, body, Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }
}
