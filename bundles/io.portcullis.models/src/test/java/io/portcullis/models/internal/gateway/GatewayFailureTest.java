package io.portcullis.models.internal.gateway;

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
import io.portcullis.spi.ModelProvider.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metered path's refusals and failures: order of checks, records, settlement or release, retries, cancel, deadline. */
class GatewayFailureTest {

    final GatewayHarness h = new GatewayHarness();
    final RecordingSink sink = new RecordingSink();

    @AfterEach
    void tearDown() {
        h.close();
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
    void aCallerThatGivesUpWhileTheProviderIsSilentCancelsTheCallWithoutInterruptingItself() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        h.provider.script = (request, context, s) -> {
            waiting.countDown();
            try {
                new CountDownLatch(1).await(); // silent until cut off
            } catch (InterruptedException e) {
                aborted.countDown();
            }
        };
        Thread caller = Thread.currentThread();
        Thread giveUp = new Thread(() -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                return;
            }
            sink.gaveUp = true;
        });
        giveUp.start();

        catchThrowableOfType(() -> h.gateway.call(call("hi"), sink), CancellationException.class);
        giveUp.join();

        assertThat(caller.isInterrupted()).isFalse(); // its settlement ran on a thread nobody interrupted
        assertThat(aborted.await(30, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue(); // the provider's stream was aborted
        assertThat(sink.events).isEmpty();
        assertThat(h.meter.settled).singleElement();
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
