package io.portcullis.model.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.model.testing.FakeModelServer;
import io.portcullis.model.testing.LoopbackEgress;
import io.portcullis.model.testing.RecordedRequest;
import io.portcullis.model.testing.RecordingSink;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest {

    private static final String KEY = "sk-ant-api03-fixture-0a1b2c3d4e5f";
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
    private final LoopbackEgress egress = new LoopbackEgress().apiKey("cred_anthropic", KEY);
    private final TestToolContext context = new TestToolContext("ws_test", egress, Set.of("cred_anthropic"));
    private final AnthropicProvider provider = new AnthropicProvider();

    @AfterEach
    void stop() {
        server.close();
    }

    private CompletionRequest request(List<ToolDescriptor> tools) {
        return new CompletionRequest(
                "claude-sonnet-4-5",
                List.of(new Message("system", "Be brief."), new Message("user", "Hello")),
                tools,
                256,
                server.baseUri(),
                "cred_anthropic");
    }

    private RecordingSink stream(String fixture, List<ToolDescriptor> tools) throws ModelException {
        server.next(fixture);
        RecordingSink sink = new RecordingSink();
        provider.stream(request(tools), context, sink);
        return sink;
    }

    @Test
    void describesItselfAsModelAnthropic() {
        assertThat(provider.descriptor().name()).isEqualTo("model.anthropic");
    }

    @Test
    void aPlainStreamTellsTheTextThenTheUsageThenTheFinish() throws Exception {
        RecordingSink sink = stream("anthropic/plain", List.of());

        assertThat(sink.events())
                .containsExactly("text:Hello", "text:! How can", "text: I help?", "usage:21/12", "finish:stop");
    }

    @Test
    void aStreamedRequestIsAMessagesPostWithTheVersionAndTheKeyInjectedAsXApiKey() throws Exception {
        stream("anthropic/plain", List.of(WEATHER));

        RecordedRequest sent = server.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        JsonNode body = sent.bodyJson();
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.path("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]");
        JsonNode tool = body.path("tools").path(0);
        assertThat(tool.path("name").asText()).isEqualTo("weather_get");
        assertThat(tool.path("description").asText()).isEqualTo("The weather in a city.");
        assertThat(tool.path("input_schema")).isEqualTo(JSON.readTree(WEATHER.inputSchema()));
    }

    @Test
    void toolArgumentsSplitOverManyDeltasArriveInOrderAfterTheText() throws Exception {
        RecordingSink sink = stream("anthropic/tool-args-split", List.of(WEATHER, CLOCK));

        assertThat(sink.text()).isEqualTo("Let me check the weather.");
        assertThat(sink.events("start:")).containsExactly("start:0:toolu_01Kq3Vb2mXo1Ab2Cd3Ef4:weather.get");
        assertThat(sink.events("args:0:")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(JSON.readTree(sink.arguments(0)))
                .isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(sink.events()).endsWith("usage:380/58", "finish:tool_calls");
    }

    @Test
    void twoParallelCallsAreNumberedFromZeroWhateverTheirBlockIndex() throws Exception {
        RecordingSink sink = stream("anthropic/tool-parallel", List.of(WEATHER, CLOCK));

        assertThat(sink.events("start:"))
                .containsExactly(
                        "start:0:toolu_01A1b2C3d4E5F6g7H8i9:weather.get",
                        "start:1:toolu_01F6g7H8i9J0K1l2M3n4:clock.now");
        assertThat(JSON.readTree(sink.arguments(0))).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(JSON.readTree(sink.arguments(1))).isEqualTo(JSON.readTree("{\"zone\":\"Europe/Paris\"}"));
        assertThat(sink.finish()).isEqualTo("tool_calls");
    }

    @Test
    void malformedStreamedArgumentsAreHandedOnForTheCoreToAnswerAsAToolError() throws Exception {
        RecordingSink sink = stream("anthropic/tool-malformed", List.of(WEATHER));

        assertThat(sink.arguments(0)).isEqualTo("{\"city\": \"Paris\", \"unit\": cel");
        assertThat(sink.finish()).isEqualTo("tool_calls");
    }

    @Test
    void anOverloadedErrorEventFailsWithStatus529() {
        server.next("anthropic/overloaded");

        ModelException e = catchThrowableOfType(
                () -> provider.stream(request(List.of()), context, new RecordingSink()), ModelException.class);
        assertThat(e.status()).isEqualTo(529);
        assertThat(e.getMessage()).isEqualTo("the provider failed mid-stream (overloaded_error): Overloaded");
    }

    @Test
    void aStreamCutMidWayFailsAfterTheDeltasThatCame() {
        server.next("anthropic/cut");
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> provider.stream(request(List.of()), context, sink))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the stream ended early");
        assertThat(sink.events()).containsExactly("text:Hello", "text:! How can");
    }

    @Test
    void aStreamThatEndsCleanlyBeforeTheMessageStopsFails() {
        String partial = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                + "{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
        TestToolContext recorded = new TestToolContext(RecordingEgress.answering(200, partial));
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> provider.stream(
                        new CompletionRequest("m", List.of(new Message("user", "hi")), List.of(), 10), recorded, sink))
                .isInstanceOf(ModelException.class)
                .hasMessage("the stream ended early");
        assertThat(sink.usage()).isNull();
    }

    @Test
    void aServerThatStaysSilentPastTheIdleTimeoutFails() {
        server.next("anthropic/drip").dripDelay(Duration.ofSeconds(5));
        egress.idleTimeout(Duration.ofMillis(300));
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> provider.stream(request(List.of()), context, sink))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("ended early (timeout)");
        assertThat(sink.events()).containsExactly("text:Hello");
    }

    @Test
    void aRateLimitCarriesTheStatusTheRetryAfterAndTheProvidersMessage() {
        for (boolean streamed : new boolean[] {true, false}) {
            server.next("anthropic/rate-limited");
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
            assertThat(e.retryAfterSeconds()).isEqualTo(12);
            assertThat(e.getMessage()).startsWith("the provider answered HTTP 429: This request would exceed");
        }
    }

    @Test
    void aServerErrorCarriesItsStatus() {
        server.next("anthropic/server-error");

        ModelException e =
                catchThrowableOfType(() -> provider.complete(request(List.of()), context), ModelException.class);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).isEqualTo("the provider answered HTTP 500: Internal server error");
    }

    @Test
    void aPlainMessageIsReadWhole() throws Exception {
        server.next("anthropic/plain-json");

        Completion completion = provider.complete(request(List.of()), context);

        assertThat(completion.message().content()).isEqualTo("Hello! How can I help?");
        assertThat(completion.usage()).isEqualTo(new Usage(21, 12));
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(server.lastRequest().bodyJson().path("stream").asBoolean()).isFalse();
        assertThat(server.lastRequest().header("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void toolUseBlocksBecomeToolCallsUnderTheToolsOwnNames() throws Exception {
        server.next("anthropic/tools-json");

        Completion completion = provider.complete(request(List.of(WEATHER, CLOCK)), context);

        assertThat(completion.finishReason()).isEqualTo("tool_calls");
        assertThat(completion.message().content()).isEqualTo("Let me check both.");
        assertThat(completion.toolCalls())
                .containsExactly(
                        new ToolCall(
                                "toolu_01A1b2C3d4E5F6g7H8i9",
                                "weather.get",
                                Map.of("city", "Paris", "unit", "celsius")),
                        new ToolCall("toolu_01F6g7H8i9J0K1l2M3n4", "clock.now", Map.of("zone", "Europe/Paris")));
    }

    @Test
    void aToolUseInputThatIsNotAnObjectBecomesAnArgumentsError() throws Exception {
        String body = "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"toolu_1\",\"name\":\"weather_get\",\"input\":\"Paris\"}],\"stop_reason\":\"tool_use\","
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}";
        TestToolContext recorded = new TestToolContext(RecordingEgress.answering(200, body));

        Completion completion = provider.complete(
                new CompletionRequest("m", List.of(new Message("user", "hi")), List.of(WEATHER), 10), recorded);

        ToolCall call = completion.toolCalls().get(0);
        assertThat(call.tool()).isEqualTo("weather.get");
        assertThat(call.arguments()).isEmpty();
        assertThat(call.argumentsError()).isNotNull();
    }

    @Test
    void toolCallsGoBackAsToolUseBlocksAndResultsAsToolResultBlocksOfOneUserTurn() throws Exception {
        server.next("anthropic/plain-json");
        List<Message> conversation = List.of(
                new Message("system", "Be brief."),
                new Message("user", "Weather and time in Paris?"),
                new Message(
                        "assistant",
                        "Checking.",
                        null,
                        List.of(
                                new ToolCall("toolu_1", "weather.get", Map.of("city", "Paris")),
                                new ToolCall("toolu_2", "clock.now", Map.of())),
                        Trust.TRUSTED),
                new Message("tool", "{\"temp\":21}", "toolu_1", List.of(), Trust.UNTRUSTED),
                new Message("tool", "12:00", "toolu_2", List.of(), Trust.UNTRUSTED));

        provider.complete(
                new CompletionRequest(
                        "claude-sonnet-4-5",
                        conversation,
                        List.of(WEATHER, CLOCK),
                        64,
                        server.baseUri(),
                        "cred_anthropic"),
                context);

        JsonNode body = server.lastRequest().bodyJson();
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.path(1))
                .isEqualTo(JSON.readTree("{\"role\":\"assistant\",\"content\":["
                        + "{\"type\":\"text\",\"text\":\"Checking.\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather_get\",\"input\":{\"city\":\"Paris\"}},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"clock_now\",\"input\":{}}]}"));
        assertThat(messages.path(2))
                .isEqualTo(JSON.readTree("{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"{\\\"temp\\\":21}\"},"
                        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_2\",\"content\":\"12:00\"}]}"));
    }

    @Test
    void maxTokensIsRequired() {
        CompletionRequest request = new CompletionRequest(
                "claude-sonnet-4-5", List.of(new Message("user", "hi")), List.of(), 0, server.baseUri(), null);

        assertThatThrownBy(() -> provider.complete(request, context))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("max_tokens");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnboundCredentialStopsTheCallBeforeAnythingIsSent() {
        CompletionRequest request = new CompletionRequest(
                "claude-sonnet-4-5", List.of(new Message("user", "hi")), List.of(), 10, server.baseUri(), "other");

        assertThatThrownBy(() -> provider.stream(request, context, new RecordingSink()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("not bound");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theKeyReachesTheServerAndNothingThePluginAnswersOrThrows() {
        String[] fixtures = {
            "plain",
            "cut",
            "tool-args-split",
            "tool-parallel",
            "tool-malformed",
            "overloaded",
            "rate-limited",
            "server-error",
            "plain-json",
            "tools-json"
        };
        StringBuilder seen = new StringBuilder();
        for (String fixture : fixtures) {
            for (boolean streamed : new boolean[] {true, false}) {
                server.next("anthropic/" + fixture);
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
                .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(KEY));
        assertThat(seen.toString()).contains("Hello", "weather.get", "HTTP 429").doesNotContain(KEY);
    }

    @Test
    void aStreamWhoseMessageDeltaHasNoUsageTellsNone() throws Exception {
        String body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                + "{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        RecordingSink sink = new RecordingSink();

        provider.stream(
                new CompletionRequest("m", List.of(new Message("user", "hi")), List.of(), 10),
                new TestToolContext(RecordingEgress.answering(200, body)),
                sink);

        assertThat(sink.events()).containsExactly("text:Hi", "finish:length");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(ProviderErrors.retryAfter(Map.of("Retry-After", List.of("30"))))
                .isEqualTo(30);
        String inAMinute = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(90));
        assertThat(ProviderErrors.retryAfter(Map.of("retry-after", List.of(inAMinute))))
                .isBetween(1L, 90L);
        assertThat(ProviderErrors.retryAfter(Map.of("retry-after", List.of("soon"))))
                .isZero();
        assertThat(ProviderErrors.retryAfter(Map.of())).isZero();
    }
}
