package io.portcullis.model.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.model.testing.FakeModelServer;
import io.portcullis.model.testing.Fixture;
import io.portcullis.model.testing.LoopbackEgress;
import io.portcullis.model.testing.RecordedRequest;
import io.portcullis.model.testing.RecordingSink;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ModelProvider.Completion;
import io.portcullis.spi.ModelProvider.CompletionRequest;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.testing.RecordingEgress;
import io.portcullis.spi.testing.TestToolContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {

    private static final String KEY = "sk-fixture-9f8e7d6c5b4a39281706";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolDescriptor WEATHER = new ToolDescriptor(
            "weather.get",
            "1.0.0",
            "The weather in a city.",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}",
            Risk.READ);
    private static final ToolDescriptor CLOCK =
            new ToolDescriptor("clock.now", "1.0.0", "The time in a zone.", "{\"type\":\"object\"}", Risk.READ);

    private final FakeModelServer server = FakeModelServer.start();
    private final LoopbackEgress egress = new LoopbackEgress().bearer("cred_openai", KEY);
    private final TestToolContext context = new TestToolContext("ws_test", egress, Set.of("cred_openai"));
    private final OpenAiProvider provider = new OpenAiProvider();

    @AfterEach
    void stop() {
        server.close();
    }

    private CompletionRequest request(List<ToolDescriptor> tools) {
        return new CompletionRequest(
                "gpt-4o-mini",
                List.of(new Message("system", "Be brief."), new Message("user", "Hello")),
                tools,
                256,
                URI.create(server.baseUri() + "/v1/"),
                "cred_openai");
    }

    private RecordingSink stream(String fixture, List<ToolDescriptor> tools) throws ModelException {
        server.next(fixture);
        RecordingSink sink = new RecordingSink();
        provider.stream(request(tools), context, sink);
        return sink;
    }

    @Test
    void describesItselfAsModelOpenai() {
        assertThat(provider.descriptor().name()).isEqualTo("model.openai");
        assertThat(provider.descriptor().models()).contains("gpt-4o-mini");
    }

    @Test
    void aPlainStreamTellsTheTextThenTheUsageThenTheFinish() throws Exception {
        RecordingSink sink = stream("openai/plain", List.of());

        assertThat(sink.events())
                .containsExactly("text:Hello", "text:! How can", "text: I help?", "usage:19/7", "finish:stop");
    }

    @Test
    void aStreamedRequestIsAChatCompletionsPostWithUsageAskedForAndTheKeyInjectedAsBearer() throws Exception {
        stream("openai/plain", List.of(WEATHER));

        RecordedRequest sent = server.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("accept")).isEqualTo("text/event-stream");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        JsonNode body = sent.bodyJson();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(body.path("messages").toString())
                .isEqualTo(
                        "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hello\"}]");
        JsonNode tool = body.path("tools").path(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("weather_get");
        assertThat(tool.path("function").path("description").asText()).isEqualTo("The weather in a city.");
        assertThat(tool.path("function").path("parameters")).isEqualTo(JSON.readTree(WEATHER.inputSchema()));
    }

    @Test
    void toolArgumentsSplitOverManyChunksArriveInOrderUnderTheToolsOwnName() throws Exception {
        RecordingSink sink = stream("openai/tool-args-split", List.of(WEATHER, CLOCK));

        assertThat(sink.events("start:")).containsExactly("start:0:call_Kq3Vb2mXo1:weather.get");
        assertThat(sink.events("args:0:")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(JSON.readTree(sink.arguments(0)))
                .isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(sink.events()).endsWith("usage:61/18", "finish:tool_calls");
        assertThat(sink.text()).isEmpty();
    }

    @Test
    void twoParallelCallsAreNumberedInTheOrderTheyStart() throws Exception {
        RecordingSink sink = stream("openai/tool-parallel", List.of(WEATHER, CLOCK));

        assertThat(sink.events("start:"))
                .containsExactly("start:0:call_A1b2C3d4E5:weather.get", "start:1:call_F6g7H8i9J0:clock.now");
        assertThat(JSON.readTree(sink.arguments(0))).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(JSON.readTree(sink.arguments(1))).isEqualTo(JSON.readTree("{\"zone\":\"Europe/Paris\"}"));
        assertThat(sink.finish()).isEqualTo("tool_calls");
    }

    @Test
    void malformedStreamedArgumentsAreHandedOnForTheCoreToAnswerAsAToolError() throws Exception {
        RecordingSink sink = stream("openai/tool-malformed", List.of(WEATHER));

        assertThat(sink.arguments(0)).isEqualTo("{\"city\": \"Paris\", \"unit\": cel");
        assertThatThrownBy(() -> JSON.readTree(sink.arguments(0))).isInstanceOf(Exception.class);
        assertThat(sink.finish()).isEqualTo("tool_calls");
    }

    @Test
    void aStreamWithoutAUsageChunkTellsNoUsage() throws Exception {
        RecordingSink sink = stream("openai/no-usage", List.of());

        assertThat(sink.events()).containsExactly("text:Hello", "text:! How can", "text: I help?", "finish:stop");
        assertThat(sink.usage()).isNull();
    }

    @Test
    void aStreamCutMidWayFailsAfterTheDeltasThatCame() {
        server.next("openai/cut");
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> provider.stream(request(List.of()), context, sink))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the stream ended early");
        assertThat(sink.events()).containsExactly("text:Hello", "text:! How can");
    }

    @Test
    void aStreamThatEndsCleanlyWithoutDoneOrAFinishReasonFails() {
        String partial = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n";
        TestToolContext recorded = new TestToolContext(RecordingEgress.answering(200, partial));

        assertThatThrownBy(() -> provider.stream(
                        new CompletionRequest("m", List.of(new Message("user", "hi")), List.of(), 10),
                        recorded,
                        new RecordingSink()))
                .isInstanceOf(ModelException.class)
                .hasMessage("the stream ended early");
    }

    @Test
    void aServerThatStaysSilentPastTheIdleTimeoutFails() {
        server.next("openai/drip").dripDelay(Duration.ofSeconds(5));
        egress.idleTimeout(Duration.ofMillis(300));
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> provider.stream(request(List.of()), context, sink))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("ended early (timeout)");
        assertThat(sink.events()).containsExactly("text:Hello");
    }

    @Test
    void aMalformedEventFailsTheCallWithoutEchoingIt() {
        String body = "data: {\"choices\": [\n\n";
        TestToolContext recorded = new TestToolContext(RecordingEgress.answering(200, body));

        ModelException e = catchThrowableOfType(
                () -> provider.stream(
                        new CompletionRequest("m", List.of(new Message("user", "hi")), List.of(), 10),
                        recorded,
                        new RecordingSink()),
                ModelException.class);
        assertThat(e.getMessage()).isEqualTo("the provider sent an event that is not a JSON chunk");
    }

    @Test
    void aRateLimitCarriesTheStatusTheRetryAfterAndTheProvidersMessage() {
        for (boolean streamed : new boolean[] {true, false}) {
            server.next("openai/rate-limited");
            ModelException e = catchThrowableOfType(
                    () -> {
                        if (streamed) {
                            provider.stream(request(List.of()), context, new RecordingSink());
                        } else {
                            provider.complete(request(List.of()), context);
                        }
                    },
                    ModelException.class);
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isEqualTo(7);
            assertThat(e.getMessage()).startsWith("the provider answered HTTP 429: Rate limit reached for gpt-4o-mini");
        }
    }

    @Test
    void aServerErrorCarriesItsStatus() {
        server.next("openai/server-error");

        ModelException e = catchThrowableOfType(
                () -> provider.stream(request(List.of()), context, new RecordingSink()), ModelException.class);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.retryAfterSeconds()).isZero();
        assertThat(e.getMessage()).contains("The server had an error");
    }

    @Test
    void aPlainCompletionIsReadWhole() throws Exception {
        server.next("openai/plain-json");

        Completion completion = provider.complete(request(List.of()), context);

        assertThat(completion.message().role()).isEqualTo("assistant");
        assertThat(completion.message().content()).isEqualTo("Hello! How can I help?");
        assertThat(completion.usage()).isEqualTo(new Usage(19, 7));
        assertThat(completion.finishReason()).isEqualTo("stop");
        JsonNode body = server.lastRequest().bodyJson();
        assertThat(body.path("stream").asBoolean()).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void completedToolCallsParseTheirArgumentsAndAMalformedOneBecomesAnArgumentsError() throws Exception {
        server.next("openai/tools-json");

        Completion completion = provider.complete(request(List.of(WEATHER, CLOCK)), context);

        assertThat(completion.finishReason()).isEqualTo("tool_calls");
        assertThat(completion.toolCalls()).hasSize(2);
        ToolCall good = completion.toolCalls().get(0);
        assertThat(good.id()).isEqualTo("call_A1b2C3d4E5");
        assertThat(good.tool()).isEqualTo("weather.get");
        assertThat(good.arguments()).isEqualTo(Map.of("city", "Paris", "unit", "celsius"));
        assertThat(good.argumentsError()).isNull();
        ToolCall bad = completion.toolCalls().get(1);
        assertThat(bad.tool()).isEqualTo("clock.now");
        assertThat(bad.arguments()).isEmpty();
        assertThat(bad.argumentsError()).isNotNull();
        assertThat(completion.message().toolCalls()).isEqualTo(completion.toolCalls());
    }

    @Test
    void anAssistantsToolCallsAndTheToolResultsGoBackInTheVendorsShape() throws Exception {
        server.next("openai/plain-json");
        List<Message> conversation = List.of(
                new Message("user", "Weather in Paris?"),
                new Message(
                        "assistant",
                        "",
                        null,
                        List.of(new ToolCall("call_1", "weather.get", Map.of("city", "Paris"))),
                        Trust.TRUSTED),
                new Message("tool", "{\"temp\":21}", "call_1", List.of(), Trust.UNTRUSTED));

        provider.complete(
                new CompletionRequest(
                        "gpt-4o-mini", conversation, List.of(WEATHER), 64, server.baseUri(), "cred_openai"),
                context);

        JsonNode messages = server.lastRequest().bodyJson().path("messages");
        JsonNode assistant = messages.path(1);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("content").isNull()).isTrue();
        JsonNode call = assistant.path("tool_calls").path(0);
        assertThat(call.path("id").asText()).isEqualTo("call_1");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("weather_get");
        assertThat(call.path("function").path("arguments").isTextual()).isTrue();
        assertThat(JSON.readTree(call.path("function").path("arguments").asText()))
                .isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(messages.path(2).toString())
                .isEqualTo("{\"role\":\"tool\",\"content\":\"{\\\"temp\\\":21}\",\"tool_call_id\":\"call_1\"}");
        assertThat(server.lastRequest().path()).isEqualTo("/chat/completions");
    }

    @Test
    void anUnboundCredentialStopsTheCallBeforeAnythingIsSent() {
        CompletionRequest request = new CompletionRequest(
                "gpt-4o-mini", List.of(new Message("user", "hi")), List.of(), 10, server.baseUri(), "someone_else");

        assertThatThrownBy(() -> provider.complete(request, context))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("not bound");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void withoutACredentialNoneIsSentForLocalServers() throws Exception {
        server.next("openai/plain-json");

        provider.complete(
                new CompletionRequest(
                        "llama3.2", List.of(new Message("user", "hi")), List.of(), 10, server.baseUri(), null),
                context);

        assertThat(server.lastRequest().header("authorization")).isNull();
    }

    @Test
    void theKeyReachesTheServerAndNothingThePluginAnswersOrThrows() {
        String[] fixtures = {
            "plain",
            "no-usage",
            "cut",
            "tool-args-split",
            "tool-parallel",
            "tool-malformed",
            "rate-limited",
            "server-error"
        };
        StringBuilder seen = new StringBuilder();
        for (String fixture : fixtures) {
            for (boolean streamed : new boolean[] {true, false}) {
                server.next("openai/" + fixture);
                RecordingSink sink = new RecordingSink();
                try {
                    if (streamed) {
                        provider.stream(request(List.of(WEATHER, CLOCK)), context, sink);
                    } else {
                        seen.append(provider.complete(request(List.of(WEATHER, CLOCK)), context));
                    }
                } catch (ModelException e) {
                    seen.append(e.getMessage());
                }
                seen.append(sink.events());
            }
        }
        assertThat(server.requests()).hasSize(fixtures.length * 2);
        assertThat(server.requests())
                .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + KEY));
        assertThat(seen.toString()).contains("Hello", "weather.get", "HTTP 429").doesNotContain(KEY);
    }

    private static RecordingSink streamRecorded(EgressResponse response, List<ToolDescriptor> tools)
            throws ModelException {
        RecordingSink sink = new RecordingSink();
        new OpenAiProvider()
                .stream(
                        new CompletionRequest("m", List.of(new Message("user", "hi")), tools, 10),
                        new TestToolContext(RecordingEgress.answering(response)),
                        sink);
        return sink;
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
    }

    @Test
    void aServerThatNumbersEveryCallZeroStillGetsTwoCallsToldApartByTheirIds() throws Exception {
        String body = chunk(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"function\":{\"name\":\"weather_get\","
                                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}",
                        "null")
                + chunk(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"call_b\",\"function\":{\"name\":\"clock_now\","
                                + "\"arguments\":\"\"}}]}",
                        "\"tool_calls\"")
                + "data: [DONE]\n\n";

        RecordingSink sink = streamRecorded(
                new EgressResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8)), List.of(WEATHER, CLOCK));

        assertThat(sink.events("start:")).containsExactly("start:0:call_a:weather.get", "start:1:call_b:clock.now");
        assertThat(sink.arguments(0)).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(sink.arguments(1)).isEqualTo("{}"); // a call without arguments
        assertThat(sink.finish()).isEqualTo("tool_calls");
    }

    @Test
    void aServerThatIgnoresStreamAndAnswersJsonIsToldAllTheSame() throws Exception {
        byte[] body = Fixture.load("openai/tools-json").body().getBytes(StandardCharsets.UTF_8);

        RecordingSink sink = streamRecorded(
                new EgressResponse(200, Map.of("Content-Type", List.of("application/json")), body),
                List.of(WEATHER, CLOCK));

        assertThat(sink.calls()).hasSize(2);
        assertThat(sink.calls().get(0).tool()).isEqualTo("weather.get");
        assertThat(sink.calls().get(1).argumentsError()).isNotNull();
        assertThat(sink.events()).endsWith("usage:84/40", "finish:tool_calls");
    }

    @Test
    void anErrorChunkMidStreamFailsTheCall() {
        String body = chunk("{\"content\":\"Hel\"}", "null")
                + "data: {\"error\":{\"message\":\"The model overloaded\",\"type\":\"server_error\"}}\n\n";

        assertThatThrownBy(() -> streamRecorded(
                        new EgressResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8)), List.of()))
                .isInstanceOf(ModelException.class)
                .hasMessage("the provider failed mid-stream: The model overloaded");
    }

    @Test
    void aSinkThatGivesUpStopsTheStream() {
        server.next("openai/plain").pausePerEvent(Duration.ofMillis(5));
        RecordingSink counting = new RecordingSink();
        io.portcullis.spi.CompletionSink quitting = new io.portcullis.spi.CompletionSink() {
            @Override
            public void text(String delta) {
                counting.text(delta);
                throw new CancellationException("the client left");
            }

            @Override
            public void toolCallStart(int index, String id, String name) {}

            @Override
            public void toolCallArguments(int index, String fragment) {}

            @Override
            public void toolCall(int index, ToolCall call) {}

            @Override
            public void usage(Usage usage) {}

            @Override
            public void finish(String reason) {
                counting.finish(reason);
            }
        };

        assertThatThrownBy(() -> provider.stream(request(List.of()), context, quitting))
                .isInstanceOf(CancellationException.class);
        assertThat(counting.events()).containsExactly("text:Hello");
    }
}
