package io.portcullis.models.internal.gateway;

import static io.portcullis.models.internal.gateway.GatewayHarness.BASE_URL;
import static io.portcullis.models.internal.gateway.GatewayHarness.CREDENTIAL;
import static io.portcullis.models.internal.gateway.GatewayHarness.PLUGIN;
import static io.portcullis.models.internal.gateway.GatewayHarness.WS;
import static io.portcullis.models.internal.gateway.GatewayHarness.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelResult;
import io.portcullis.models.testing.FakeRedactor;
import io.portcullis.models.testing.RecordingSink;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metered path's calls that complete: streaming, settlement, redaction both ways, tool arguments. */
class GatewayCallTest {

    final GatewayHarness h = new GatewayHarness();
    final RecordingSink sink = new RecordingSink();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aCallStreamsToTheSinkSettlesAtTheReportedUsageAndIsRecordedWithoutThePrompt() throws Exception {
        ModelResult result = h.gateway.call(call("tell me a joke about otters"), sink);

        // "Hello" waits for the whitespace of the next delta; "world" goes out before the usage
        assertThat(sink.events).containsExactly("text:Hello, ", "text:world", "usage:12/3", "finish:stop");
        assertThat(result.completion().message().content()).isEqualTo("Hello, world");
        assertThat(result.completion().finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(12, 3));
        assertThat(result.usageSource()).isEqualTo("provider");
        assertThat(result.costMicros()).isEqualTo(15);
        assertThat(result.usageId()).isEqualTo("usage-hold-1");
        assertThat(h.meter.settled)
                .singleElement()
                .satisfies(s -> assertThat(s.reported()).isEqualTo(new Usage(12, 3)));
        assertThat(h.meter.held).isEmpty();

        AuditEvent record = h.records("model.invoke").get(0);
        assertThat(h.audit.events).hasSize(1);
        assertThat(record.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(record.reasonCode()).isEqualTo("completed");
        assertThat(record.resultStatus()).isEqualTo(200);
        assertThat(record.workspaceId()).isEqualTo(WS);
        assertThat(record.requestId()).isEqualTo("req-1");
        assertThat(record.reasonText())
                .contains("profile default", "plugin " + PLUGIN, "model fake-1", "input_tokens 12", "output_tokens 3")
                .contains("cost_micros 15")
                .doesNotContain("otters", "Hello");
        assertThat(record.arguments()).isNull();
    }

    @Test
    void theProviderGetsTheProfilesModelBaseUrlCredentialAndAScopedContext() throws Exception {
        h.gateway.call(call("hi"), sink);

        var request = h.provider.requests.get(0);
        assertThat(request.model()).isEqualTo("fake-1");
        assertThat(request.baseUrl()).isEqualTo(BASE_URL);
        assertThat(request.credentialId()).isEqualTo(CREDENTIAL);
        assertThat(request.maxTokens()).isEqualTo(100); // the profile's default
        assertThat(h.egress.scopes).singleElement().satisfies(scope -> {
            assertThat(scope.workspaceId()).isEqualTo(WS);
            assertThat(scope.pluginId()).isEqualTo(PLUGIN);
            assertThat(scope.requestId()).isEqualTo("req-1");
        });
        ModelCall withMax =
                new ModelCall(WS, "default", List.of(new Message("user", "hi")), List.of(), 7, "k", null, null);
        h.gateway.call(withMax, sink);
        assertThat(h.provider.requests.get(1).maxTokens()).isEqualTo(7);
        assertThat(h.meter.requests.get(1).maxTokens()).isEqualTo(7);
    }

    @Test
    void aWorkspaceSecretInTheMessagesNeverReachesTheProvider() throws Exception {
        ToolCall earlier = new ToolCall("c1", "lookup", Map.of("token", "use " + FakeRedactor.SECRET));
        List<Message> messages = List.of(
                new Message("user", "my key is " + FakeRedactor.SECRET),
                new Message("assistant", "", null, List.of(earlier), Trust.TRUSTED),
                new Message("tool", "found " + FakeRedactor.SECRET, "c1", List.of(), Trust.UNTRUSTED));

        h.gateway.call(call(WS, messages), sink);

        var sent = h.provider.requests.get(0).messages();
        assertThat(sent.toString()).doesNotContain(FakeRedactor.SECRET).contains(FakeRedactor.MARK);
        assertThat(sent.get(0).content()).isEqualTo("my key is " + FakeRedactor.MARK);
        assertThat(sent.get(1).toolCalls().get(0).arguments()).containsEntry("token", "use " + FakeRedactor.MARK);
        assertThat(sent.get(2).toolCallId()).isEqualTo("c1");
        assertThat(sent.get(2).trust()).isEqualTo(Trust.UNTRUSTED);
        // the reservation is sized on what is sent: the redacted prompt
        assertThat(h.meter.requests.get(0).promptBytes()).isEqualTo(Gateway.promptBytes(sent, List.of()));
        assertThat(Gateway.promptBytes(sent, List.of())).isNotEqualTo(Gateway.promptBytes(messages, List.of()));
    }

    @Test
    void aSecretInADeltaNeverReachesTheCallersSinkNorTheResult() throws Exception {
        h.provider.script = (request, context, s) -> {
            s.text("the key is " + FakeRedactor.SECRET);
            s.toolCallStart(0, "c1", "lookup");
            s.toolCallArguments(0, "{\"q\": \"" + FakeRedactor.SECRET + "\"}");
            s.finish("tool_calls");
        };

        ModelResult result = h.gateway.call(call("hi"), sink);

        assertThat(String.join("\n", sink.events))
                .doesNotContain(FakeRedactor.SECRET)
                .contains(FakeRedactor.MARK);
        assertThat(result.completion().message().content()).isEqualTo("the key is " + FakeRedactor.MARK);
        assertThat(result.completion().toolCalls().get(0).arguments()).containsEntry("q", FakeRedactor.MARK);
    }

    @Test
    void aSecretSplitAcrossDeltasIsHeldBackUntilWholeAndRedacted() throws Exception {
        String secret = FakeRedactor.SECRET;
        h.provider.script = (request, context, s) -> {
            s.text("the key is " + secret.substring(0, 9));
            s.text(secret.substring(9, 14));
            s.text(secret.substring(14) + " ok");
            s.toolCallStart(0, "c1", "lookup");
            s.toolCallArguments(0, "{\"q\": \"" + secret.substring(0, 5));
            s.toolCallArguments(0, secret.substring(5) + "\"}");
            s.finish("tool_calls");
        };

        h.gateway.call(call("hi"), sink);

        String told = String.join("", sink.events);
        assertThat(told).doesNotContain(secret.substring(0, 9)).contains(FakeRedactor.MARK);
        assertThat(sink.events).containsSubsequence("text:the key is ", "text:" + FakeRedactor.MARK + " ", "text:ok");
        assertThat(sink.events)
                .contains("args:0:" + secret.substring(0, 0) + "{\"q\": ", "args:0:\"" + FakeRedactor.MARK + "\"}");
    }

    @Test
    void toolArgumentsAreJoinedPerIndexAndParsedMalformedOnesBecomeErrors() throws Exception {
        h.provider.script = (request, context, s) -> {
            s.toolCallStart(0, "c0", "weather");
            s.toolCallStart(1, "c1", "time");
            s.toolCallArguments(0, "{\"ci");
            s.toolCallArguments(1, "{\"zone\":");
            s.toolCallArguments(0, "ty\": \"Par");
            s.toolCallArguments(1, " \"UTC\"}");
            s.toolCallArguments(0, "is\", \"days\": [1, 2]}");
            s.toolCallStart(2, "c2", "broken");
            s.toolCallArguments(2, "{\"city\": ");
            s.toolCallStart(3, "c3", "array");
            s.toolCallArguments(3, "[1, 2]");
            s.toolCallStart(4, "c4", "none");
            s.finish("tool_calls");
        };

        ModelResult result = h.gateway.call(call("hi"), sink);

        List<ToolCall> calls = result.completion().toolCalls();
        assertThat(calls).extracting(ToolCall::id).containsExactly("c0", "c1", "c2", "c3", "c4");
        assertThat(calls.get(0).arguments()).isEqualTo(Map.of("city", "Paris", "days", List.of(1, 2)));
        assertThat(calls.get(0).argumentsError()).isNull();
        assertThat(calls.get(1).arguments()).isEqualTo(Map.of("zone", "UTC"));
        assertThat(calls.get(2).arguments()).isEmpty();
        assertThat(calls.get(2).argumentsError()).contains("not valid JSON");
        assertThat(calls.get(3).argumentsError()).contains("not a JSON object");
        assertThat(calls.get(4).arguments()).isEmpty();
        assertThat(calls.get(4).argumentsError()).isNull();
        assertThat(result.completion().finishReason()).isEqualTo("tool_calls");
    }
}
