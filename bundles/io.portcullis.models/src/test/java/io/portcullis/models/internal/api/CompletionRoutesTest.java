package io.portcullis.models.internal.api;

import static io.portcullis.models.internal.gateway.GatewayHarness.WS;
import static io.portcullis.web.testing.FakeRequest.problem;
import static io.portcullis.web.testing.FakeRequest.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.models.internal.gateway.GatewayHarness;
import io.portcullis.models.internal.metering.MeterRefusal;
import io.portcullis.models.testing.FakeRedactor;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.StreamingBody;
import io.portcullis.web.testing.FakeRequest;
import io.portcullis.web.testing.TestCaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /completions}: strict bodies, the JSON answer, problems with Retry-After, and the event stream. */
class CompletionRoutesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HELLO = "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

    final GatewayHarness h = new GatewayHarness();
    final CompletionRoutes routes = new CompletionRoutes(h.gateway);

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** A request of {@code WS}'s member with {@code json} and, when given, an Accept header. */
    record Request(FakeRequest fake, String accept) implements ApiRequest {
        Request(String json, String accept) {
            this(new FakeRequest(HttpMethod.POST, TestCaller.member(WS), Map.of("ws", WS), Map.of(), json), accept);
        }

        @Override
        public HttpMethod method() {
            return fake.method();
        }

        @Override
        public String routeTemplate() {
            return CompletionRoutes.PATH;
        }

        @Override
        public String pathParam(String name) {
            return fake.pathParam(name);
        }

        @Override
        public Optional<String> queryParam(String name) {
            return fake.queryParam(name);
        }

        @Override
        public Optional<String> header(String name) {
            return name.equalsIgnoreCase("Accept") && !accept.isEmpty() ? Optional.of(accept) : fake.header(name);
        }

        @Override
        public Caller caller() {
            return fake.caller();
        }

        @Override
        public String requestId() {
            return "req-9";
        }

        @Override
        public <T> T body(Class<T> type) {
            return fake.body(type);
        }

        @Override
        public void requireNotSecret(String field, String text) {
            fake.requireNotSecret(field, text);
        }
    }

    /** An output that keeps what was flushed, flush by flush, and fails writes from {@link #failAfter} flushes on. */
    static final class Client extends OutputStream {
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        final List<String> flushed = new ArrayList<>();
        int failAfter = Integer.MAX_VALUE;

        @Override
        public void write(int b) throws IOException {
            check();
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check();
            pending.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            check();
            flushed.add(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }

        private void check() throws IOException {
            if (flushed.size() >= failAfter) {
                throw new IOException("test: connection reset");
            }
        }

        String all() {
            return String.join("", flushed) + pending.toString(StandardCharsets.UTF_8);
        }
    }

    record Event(String name, JsonNode data) {}

    static List<Event> events(String stream) throws IOException {
        List<Event> events = new ArrayList<>();
        for (String block : stream.split("\n\n", -1)) {
            if (block.isEmpty()) {
                continue;
            }
            String[] lines = block.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            events.add(new Event(lines[0].substring(7), JSON.readTree(lines[1].substring(6))));
        }
        return events;
    }

    static String stream(ApiResponse response, Client client) throws IOException {
        assertThat(response.status()).isEqualTo(200);
        StreamingBody body = (StreamingBody) response.body();
        assertThat(body.contentType()).isEqualTo("text/event-stream");
        body.writeTo(client);
        return client.all();
    }

    @Test
    void withoutAStreamTheWholeCompletionIsAnsweredAsJson() throws Exception {
        h.provider.script = (request, context, sink) -> {
            sink.text("It is ");
            sink.text("sunny");
            sink.toolCallStart(0, "c0", "weather");
            sink.toolCallArguments(0, "{\"city\":");
            sink.toolCallArguments(0, " \"Oslo\"}");
            sink.toolCallStart(1, "c1", "broken");
            sink.toolCallArguments(1, "{oops");
            sink.usage(new Usage(20, 5));
            sink.finish("tool_calls");
        };

        ApiResponse response = routes.complete(new Request(HELLO, ""));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = tree(response);
        assertThat(body.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/message/content").asText()).isEqualTo("It is sunny");
        assertThat(body.at("/tool_calls/0/id").asText()).isEqualTo("c0");
        assertThat(body.at("/tool_calls/0/name").asText()).isEqualTo("weather");
        assertThat(body.at("/tool_calls/0/arguments/city").asText()).isEqualTo("Oslo");
        assertThat(body.at("/tool_calls/0").has("arguments_error")).isFalse();
        assertThat(body.at("/tool_calls/1/arguments_error").asText()).contains("not valid JSON");
        assertThat(body.at("/tool_calls/1").has("arguments")).isFalse();
        assertThat(body.at("/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(body.at("/usage/input_tokens").asLong()).isEqualTo(20);
        assertThat(body.at("/usage/output_tokens").asLong()).isEqualTo(5);
        assertThat(body.at("/usage/source").asText()).isEqualTo("provider");
        assertThat(body.at("/cost_micros").asLong()).isEqualTo(25);
        assertThat(body.at("/usage_id").asText()).isEqualTo("usage-hold-1");
        assertThat(h.provider.requests.get(0).messages().get(0).content()).isEqualTo("hi");
    }

    @Test
    void theCallerAndTheRequestAreNamedByTheRecord() throws Exception {
        routes.complete(new Request(HELLO, ""));
        assertThat(h.records("model.invoke")).singleElement().satisfies(e -> {
            assertThat(e.actor().id()).isEqualTo(TestCaller.member(WS).principalId());
            assertThat(e.requestId()).isEqualTo("req-9");
        });
    }

    @Test
    void badBodiesAreRefusedBeforeAnythingIsReservedOrCalled() {
        String tooMany = "{\"model\": \"default\", \"messages\": ["
                + String.join(",", java.util.Collections.nCopies(257, "{\"role\": \"user\", \"content\": \"x\"}"))
                + "]}";
        String big = "x".repeat(600 * 1024);
        String tooLong = "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"" + big
                + "\"}, {\"role\": \"user\", \"content\": \"" + big + "\"}]}";
        String tool = "{\"name\": \"t%d\", \"description\": \"d\", \"input_schema\": {\"type\": \"object\"}}";
        List<String> tools = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            tools.add(tool.formatted(i));
        }
        String tooManyTools = "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}],"
                + " \"tools\": [" + String.join(",", tools) + "]}";
        String[] bad = {
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
            "{\"model\": \"default\", \"messages\": []}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"tool\", \"content\": \"hi\"}]}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\", \"tool_call_id\": \"c\"}]}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\","
                    + " \"tool_calls\": [{\"id\": \"c\", \"name\": \"t\", \"arguments\": {}}]}]}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"assistant\", \"content\": \"\","
                    + " \"tool_calls\": [{\"id\": \"c\", \"name\": \"t\", \"arguments\": [1]}]}]}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"\"}]}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 0}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": true}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                    + " \"tools\": [{\"name\": \"Bad Name\", \"input_schema\": {}}]}",
            "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                    + " \"tools\": [{\"name\": \"t\", \"input_schema\": \"string\"}]}",
            tooMany,
            tooLong,
            tooManyTools,
        };
        for (String json : bad) {
            ProblemException refused = problem(() -> routes.complete(new Request(json, "")));
            assertThat(refused.status())
                    .as(json.length() > 200 ? json.substring(0, 200) : json)
                    .isEqualTo(400);
            assertThat(refused.detail()).doesNotContain("xxxxxxxx");
        }
        assertThat(h.meter.requests).isEmpty();
        assertThat(h.provider.requests).isEmpty();
    }

    @Test
    void aValidToolConversationPasses() throws Exception {
        String json = "{\"model\": \"default\", \"max_tokens\": 50, \"messages\": ["
                + "{\"role\": \"system\", \"content\": \"be brief\"},"
                + "{\"role\": \"user\", \"content\": \"weather?\"},"
                + "{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"id\": \"c0\", \"name\": \"weather\","
                + " \"arguments\": {\"city\": \"Oslo\"}}]},"
                + "{\"role\": \"tool\", \"tool_call_id\": \"c0\", \"content\": \"sunny\"}],"
                + " \"tools\": [{\"name\": \"weather\", \"description\": \"the weather\","
                + " \"input_schema\": {\"type\": \"object\"}}]}";
        assertThat(routes.complete(new Request(json, "")).status()).isEqualTo(200);
        var sent = h.provider.requests.get(0);
        assertThat(sent.maxTokens()).isEqualTo(50);
        assertThat(sent.messages().get(2).toolCalls().get(0).arguments()).containsEntry("city", "Oslo");
        assertThat(sent.messages().get(3).toolCallId()).isEqualTo("c0");
        assertThat(sent.tools().get(0).inputSchema()).isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void aRefusalIsAProblemWithItsStatusKindAndRetryAfterEvenWhenAStreamWasAsked() throws Exception {
        h.meter.refuse = new MeterRefusal(MeterRefusal.Kind.RATE_LIMITED, "Too many model calls this minute.", 7);
        for (String accept : new String[] {"", "text/event-stream"}) {
            ApiResponse response = routes.complete(new Request(HELLO, accept));
            assertThat(response.status()).isEqualTo(429);
            assertThat(response.headers()).containsEntry("Retry-After", "7");
            StreamingBody body = (StreamingBody) response.body();
            assertThat(body.contentType()).isEqualTo("application/problem+json");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.writeTo(out);
            JsonNode problem = JSON.readTree(out.toByteArray());
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            assertThat(problem.get("kind").asText()).isEqualTo("rate_limited");
            assertThat(problem.get("request_id").asText()).isEqualTo("req-9");
        }
        h.meter.refuse = new MeterRefusal(MeterRefusal.Kind.BUDGET_EXHAUSTED, "The budget is spent.", 0);
        ApiResponse exhausted = routes.complete(new Request(HELLO, "text/event-stream"));
        assertThat(exhausted.status()).isEqualTo(402);
        assertThat(exhausted.headers()).doesNotContainKey("Retry-After");
        assertThat(h.provider.requests).isEmpty();
    }

    @Test
    void theStreamIsOneFlushedEventPerDeltaThenUsageAndDone() throws Exception {
        h.provider.script = (request, context, sink) -> {
            sink.text("Hel");
            sink.text("lo " + FakeRedactor.SECRET);
            sink.toolCallStart(0, "c0", "weather");
            sink.toolCallArguments(0, "{\"city\":");
            sink.toolCallArguments(0, " \"Oslo\"}");
            sink.usage(new Usage(9, 4));
            sink.finish("tool_calls");
        };
        Client client = new Client();

        String stream = stream(routes.complete(new Request(HELLO, "text/event-stream")), client);

        assertThat(stream).doesNotContain(FakeRedactor.SECRET);
        List<Event> events = events(stream);
        assertThat(events)
                .extracting(Event::name)
                .containsExactly("delta", "delta", "tool_call", "tool_arguments", "tool_arguments", "usage", "done");
        // every event reached the client by itself, as soon as it was written
        assertThat(client.flushed).hasSize(events.size()).allSatisfy(chunk -> {
            assertThat(chunk).startsWith("event: ").endsWith("\n\n");
            assertThat(chunk.split("\n\n", -1)).hasSize(2);
        });
        // "Hel" waits for a whitespace; the secret goes out whole, redacted
        assertThat(events.get(0).data().get("text").asText()).isEqualTo("Hello ");
        assertThat(events.get(1).data().get("text").asText()).isEqualTo(FakeRedactor.MARK);
        assertThat(events.get(2).data().toString()).isEqualTo("{\"index\":0,\"id\":\"c0\",\"name\":\"weather\"}");
        assertThat(events.get(3).data().get("fragment").asText()).isEqualTo("{\"city\": ");
        assertThat(events.get(5).data().get("input_tokens").asLong()).isEqualTo(9);
        assertThat(events.get(5).data().get("cost_micros").asLong()).isEqualTo(13);
        JsonNode done = events.get(6).data();
        assertThat(done.at("/message/content").asText()).isEqualTo("Hello " + FakeRedactor.MARK);
        assertThat(done.at("/tool_calls/0/arguments/city").asText()).isEqualTo("Oslo");
        assertThat(done.at("/usage_id").asText()).isEqualTo("usage-hold-1");
    }

    @Test
    void aProviderFailureAfterTheStreamStartedEndsItWithAnErrorEvent() throws Exception {
        h.provider.script = (request, context, sink) -> {
            sink.text("partial ");
            throw new ModelException("overloaded", 503, 0);
        };

        List<Event> events = events(stream(routes.complete(new Request(HELLO, "text/event-stream")), new Client()));

        assertThat(events).extracting(Event::name).containsExactly("delta", "error");
        JsonNode problem = events.get(1).data();
        assertThat(problem.get("status").asInt()).isEqualTo(502);
        assertThat(problem.get("kind").asText()).isEqualTo("provider_failed");
        assertThat(h.meter.settled).hasSize(1);
    }

    @Test
    void aClientThatDisconnectsCancelsTheProviderCall() throws Exception {
        AtomicInteger toldAfterLeaving = new AtomicInteger();
        h.provider.script = (request, context, sink) -> {
            sink.text("one ");
            try {
                sink.text("two ");
            } catch (CancellationException e) {
                toldAfterLeaving.incrementAndGet();
                throw e;
            }
            sink.text("three ");
        };
        Client client = new Client();
        client.failAfter = 1;

        stream(routes.complete(new Request(HELLO, "text/event-stream")), client);

        assertThat(toldAfterLeaving).hasValue(1);
        assertThat(events(String.join("", client.flushed)))
                .extracting(Event::name)
                .containsExactly("delta");
        assertThat(h.meter.settled).hasSize(1);
        assertThat(h.meter.held).isEmpty();
        assertThat(h.records("model.invoke"))
                .singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("cancelled"));
    }
}
