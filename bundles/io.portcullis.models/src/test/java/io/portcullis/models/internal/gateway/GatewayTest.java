package io.portcullis.models.internal.gateway;

import static io.portcullis.models.internal.gateway.GatewayHarness.BASE_URL;
import static io.portcullis.models.internal.gateway.GatewayHarness.CREDENTIAL;
import static io.portcullis.models.internal.gateway.GatewayHarness.PLUGIN;
import static io.portcullis.models.internal.gateway.GatewayHarness.WS;
import static io.portcullis.models.internal.gateway.GatewayHarness.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.hosts.HostCallException;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelRefusal;
import io.portcullis.models.ModelRefusal.Kind;
import io.portcullis.models.ModelResult;
import io.portcullis.models.internal.metering.MeterRefusal;
import io.portcullis.models.testing.FakeProvider;
import io.portcullis.models.testing.FakeRedactor;
import io.portcullis.models.testing.RecordingSink;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.ModelProvider.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metered path with an in-process fake provider and an in-memory meter. */
class GatewayTest {

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

    @Test
    void aMissingProfileIsRefusedFirstAndRecorded() {
        h.profiles.clear();
        h.meter.refuse = new MeterRefusal(MeterRefusal.Kind.UNPRICED, "unpriced", 0);

        ModelRefusal refusal = refuse(call("hi"));

        assertThat(refusal.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(h.meter.requests).isEmpty();
        assertRefusalRecorded("not_found", 404);
    }

    @Test
    void aProfileOfAnotherWorkspaceIsNotFound() {
        ModelRefusal refusal = refuse(call(GatewayHarness.OTHER_WS, List.of(new Message("user", "hi"))));
        assertThat(refusal.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(h.provider.requests).isEmpty();
    }

    @Test
    void aPluginNotActiveOrNotEnabledOrWithoutAProviderIsUnavailableBeforeTheMeter() {
        h.meter.refuse = new MeterRefusal(MeterRefusal.Kind.BUDGET_EXHAUSTED, "no budget", 0);
        h.policy.decide(PLUGIN, WS, io.portcullis.policy.Decision.PLUGIN_NOT_ACTIVE);
        assertThat(refuse(call("hi")).getMessage()).contains("not active");

        h.policy.decide(PLUGIN, WS, io.portcullis.policy.Decision.NOT_ENABLED);
        assertThat(refuse(call("hi")).getMessage()).contains("not enabled");

        h.policy.decide(PLUGIN, WS, io.portcullis.policy.Decision.ALLOW);
        h.pluginActive.set(false); // the provider's plugin is not active: it does not count
        assertThat(refuse(call("hi")).kind()).isEqualTo(Kind.PROVIDER_UNAVAILABLE);

        assertThat(h.meter.requests).isEmpty();
        assertThat(h.records("model.refused"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.reasonCode()).isEqualTo("provider_unavailable"));
    }

    @Test
    void aProviderAttributedToAnotherPluginDoesNotCount() {
        h.providers.remove(h.provider);
        FakeProvider impostor = new FakeProvider();
        h.providers.add(impostor, "io.portcullis.model.other", () -> Optional.of(PLUGIN));

        assertThat(refuse(call("hi")).kind()).isEqualTo(Kind.PROVIDER_UNAVAILABLE);
        assertThat(impostor.requests).isEmpty();
    }

    @Test
    void eachMeterRefusalIsMappedAndRecordedAndTheProviderIsNotCalled() {
        Object[][] cases = {
            {MeterRefusal.Kind.UNPRICED, Kind.UNPRICED, 0L},
            {MeterRefusal.Kind.RATE_LIMITED, Kind.RATE_LIMITED, 7L},
            {MeterRefusal.Kind.BUDGET_EXHAUSTED, Kind.BUDGET_EXHAUSTED, 0L},
        };
        for (Object[] c : cases) {
            h.meter.refuse = new MeterRefusal((MeterRefusal.Kind) c[0], "refused by the meter", (long) c[2]);
            ModelRefusal refusal = refuse(call("hi"));
            assertThat(refusal.kind()).isEqualTo(c[1]);
            assertThat(refusal.retryAfterSeconds()).isEqualTo(c[2]);
        }
        assertThat(h.provider.requests).isEmpty();
        assertThat(h.records("model.refused"))
                .extracting(AuditEvent::reasonCode, AuditEvent::resultStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("unpriced", 409),
                        org.assertj.core.groups.Tuple.tuple("rate_limited", 429),
                        org.assertj.core.groups.Tuple.tuple("budget_exhausted", 402));
        assertThat(h.records("model.invoke")).isEmpty();
    }

    @Test
    void anInvalidCallIsRefusedAndRecorded() {
        ModelCall badRole = call(WS, List.of(new Message("wizard", "hi")));
        assertThat(refuse(badRole).kind()).isEqualTo(Kind.INVALID);
        ModelCall badMax =
                new ModelCall(WS, "default", List.of(new Message("user", "hi")), List.of(), 0, "k", null, null);
        assertThat(refuse(badMax).kind()).isEqualTo(Kind.INVALID);
        assertThat(h.records("model.refused")).hasSize(2);
        assertThat(h.meter.requests).isEmpty();
    }

    @Test
    void aProviderFailureAfterItStartedIsSettledAtTheEstimateAndRecorded() {
        h.provider.script = (request, context, s) -> {
            s.text("partial");
            throw new ModelException("upstream exploded near " + FakeRedactor.SECRET, 500, 0);
        };

        ModelRefusal refusal = refuse(call("hi"));

        assertThat(refusal.kind()).isEqualTo(Kind.PROVIDER_FAILED);
        assertThat(refusal.getMessage()).doesNotContain(FakeRedactor.SECRET).contains(FakeRedactor.MARK);
        assertThat(h.meter.settled)
                .singleElement()
                .satisfies(s -> assertThat(s.source()).isEqualTo("estimate"));
        assertThat(h.meter.released).isEmpty();
        AuditEvent record = h.records("model.invoke").get(0);
        assertThat(record.reasonCode()).isEqualTo("provider_failed");
        assertThat(record.decision()).isEqualTo(Decision.ERROR);
        assertThat(record.resultStatus()).isEqualTo(502);
        assertThat(h.records("model.refused")).isEmpty();
    }

    @Test
    void aFailureAfterReportedUsageIsSettledAtThatUsage() {
        h.provider.script = (request, context, s) -> {
            s.usage(new Usage(5, 2));
            throw new ModelException("cut", 0, 0);
        };
        refuse(call("hi"));
        assertThat(h.meter.settled).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo("provider");
            assertThat(s.charged()).isEqualTo(new Usage(5, 2));
        });
    }

    @Test
    void aProviderRateLimitBeforeAnyOutputIsReleasedAndAnswersItsRetryAfter() {
        h.provider.script = (request, context, s) -> {
            throw new ModelException("slow down", 429, 30);
        };

        ModelRefusal refusal = refuse(call("hi"));

        assertThat(refusal.kind()).isEqualTo(Kind.PROVIDER_RATE_LIMITED);
        assertThat(refusal.retryAfterSeconds()).isEqualTo(30);
        assertThat(h.meter.released).hasSize(1);
        assertThat(h.meter.settled).isEmpty();
        assertThat(h.records("model.invoke"))
                .singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("provider_rate_limited"));
    }

    @Test
    void withRetriesAnOverloadedProviderIsTriedAgainBeforeAnyOutputAndChargedOnce() throws Exception {
        try (GatewayHarness retrying = new GatewayHarness(Duration.ofSeconds(30), 2)) {
            AtomicInteger attempts = new AtomicInteger();
            retrying.provider.script = (request, context, s) -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new ModelException("overloaded", 503, 0);
                }
                s.text("fine ");
                s.finish("stop");
            };

            ModelResult result = retrying.gateway.call(call("hi"), sink);

            assertThat(attempts).hasValue(2);
            assertThat(result.completion().message().content()).isEqualTo("fine ");
            assertThat(retrying.meter.settled).hasSize(1);
            assertThat(retrying.records("model.invoke")).hasSize(1);
        }
    }

    @Test
    void aFailureAfterOutputIsNeverRetried() {
        try (GatewayHarness retrying = new GatewayHarness(Duration.ofSeconds(30), 2)) {
            AtomicInteger attempts = new AtomicInteger();
            retrying.provider.script = (request, context, s) -> {
                attempts.incrementAndGet();
                s.text("half ");
                throw new ModelException("overloaded", 503, 0);
            };
            ModelRefusal refusal =
                    catchThrowableOfType(() -> retrying.gateway.call(call("hi"), sink), ModelRefusal.class);
            assertThat(refusal.kind()).isEqualTo(Kind.PROVIDER_FAILED);
            assertThat(attempts).hasValue(1);
        }
    }

    @Test
    void withoutRetriesAnOverloadedProviderIsTriedOnce() {
        AtomicInteger attempts = new AtomicInteger();
        h.provider.script = (request, context, s) -> {
            attempts.incrementAndGet();
            throw new ModelException("overloaded", 503, 0);
        };
        assertThat(refuse(call("hi")).kind()).isEqualTo(Kind.PROVIDER_FAILED);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aHostedPluginThatDiedIsAProviderFailureWithTheHostsMessage() {
        h.provider.script = (request, context, s) -> {
            throw new HostCallException("plugin host of io.portcullis.model.fake stopped during the call");
        };

        ModelRefusal refusal = refuse(call("hi"));

        assertThat(refusal.kind()).isEqualTo(Kind.PROVIDER_FAILED);
        assertThat(refusal.getMessage()).contains("stopped during the call");
        assertThat(h.meter.settled).hasSize(1);
    }

    @Test
    void aClientThatLeavesCancelsTheCallWhichIsSettledAndRecordedAsCancelled() {
        AtomicInteger sentAfterLeaving = new AtomicInteger();
        h.provider.script = (request, context, s) -> {
            s.text("one ");
            s.usage(new Usage(4, 1));
            try {
                s.text("two ");
            } catch (CancellationException e) {
                sentAfterLeaving.incrementAndGet();
                throw e;
            }
            s.text("three ");
        };
        sink.leaveAt = 2; // "one" and the usage arrive, then the client is gone

        catchThrowableOfType(() -> h.gateway.call(call("hi"), sink), CancellationException.class);

        assertThat(sentAfterLeaving).hasValue(1);
        assertThat(sink.events).containsExactly("text:one ", "usage:4/1");
        assertThat(h.meter.settled)
                .singleElement()
                .satisfies(s -> assertThat(s.charged()).isEqualTo(new Usage(4, 1)));
        assertThat(h.records("model.invoke"))
                .singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("cancelled"));
    }

    @Test
    void aProviderPastTheDeadlineIsCutOffSettledAtTheEstimateAndNothingLateReachesTheSink() throws Exception {
        GatewayHarness slow = new GatewayHarness(Duration.ofMillis(200));
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch lateTried = new CountDownLatch(1);
        AtomicInteger lateRefused = new AtomicInteger();
        slow.provider.script = (request, context, s) -> {
            s.text("early ");
            try {
                never.await();
            } catch (InterruptedException e) {
                // cut off: a provider that ignores it and talks on reaches nobody
            }
            try {
                s.text("late ");
            } catch (CancellationException e) {
                lateRefused.incrementAndGet();
            }
            lateTried.countDown();
        };
        try {
            ModelRefusal refusal = catchThrowableOfType(() -> slow.gateway.call(call("hi"), sink), ModelRefusal.class);
            assertThat(refusal.kind()).isEqualTo(Kind.TIMEOUT);
            lateTried.await();
            assertThat(lateRefused).hasValue(1);
            assertThat(sink.events).containsExactly("text:early ");
            assertThat(slow.meter.settled)
                    .singleElement()
                    .satisfies(s -> assertThat(s.source()).isEqualTo("estimate"));
            assertThat(slow.records("model.invoke"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("timeout"));
        } finally {
            slow.close();
        }
    }

    @Test
    void aCallThatNeverStartedIsReleasedNotCharged() throws Exception {
        h.executor.shutdown(); // no thread will take it
        ModelRefusal refusal = refuse(call("hi"));
        assertThat(refusal.kind()).isEqualTo(Kind.PROVIDER_UNAVAILABLE);
        assertThat(h.meter.released).hasSize(1);
        assertThat(h.meter.settled).isEmpty();
        assertThat(h.records("model.refused")).hasSize(1);
    }

    private ModelRefusal refuse(ModelCall call) {
        ModelRefusal refusal = catchThrowableOfType(() -> h.gateway.call(call, sink), ModelRefusal.class);
        assertThat(refusal).as("refused").isNotNull();
        return refusal;
    }

    private void assertRefusalRecorded(String kind, int status) {
        assertThat(h.records("model.refused")).singleElement().satisfies(e -> {
            assertThat(e.decision()).isEqualTo(Decision.DENIED);
            assertThat(e.reasonCode()).isEqualTo(kind);
            assertThat(e.resultStatus()).isEqualTo(status);
        });
    }
}
