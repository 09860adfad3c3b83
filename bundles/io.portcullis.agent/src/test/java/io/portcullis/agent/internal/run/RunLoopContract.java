package io.portcullis.agent.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.Conversation;
import io.portcullis.agent.internal.data.HandoffRules;
import io.portcullis.agent.internal.data.Limits;
import io.portcullis.agent.internal.data.NewMessage;
import io.portcullis.agent.internal.data.NewRun;
import io.portcullis.agent.internal.data.NewStep;
import io.portcullis.agent.internal.data.Role;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.RunStep;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.models.ModelRefusal;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.ToolOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The course of a run, end to end over the real stores: what is persisted, audited and streamed, its
 * limits, approvals, crash resume, cancel and endings. What reaches the model and the tools is
 * {@link RunInputsContract}.
 */
abstract class RunLoopContract extends RunEngineFixture {

    @Test
    void aToolUsingRunCompletesWithEveryStepOnTheRecord() throws Exception {
        tools.tool("kb.search", Risk.READ, call -> FakeTools.ok("Size 42 is in stock."));
        models.then(ask(toolCall("c1", "kb.search", "q", "size 42"))).then(answer("Yes, size 42 is in stock for you."));
        Conversation conversation = conversation(agent("kb.search"));

        Run run = awaitEnd(
                post(conversation, "Do you have size 42?", Trust.TRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(run.endReason()).isEqualTo("answered");
        assertThat(run.modelCalls()).isEqualTo(2);
        assertThat(run.toolCalls()).isEqualTo(1);
        assertThat(run.inputTokens()).isEqualTo(200);
        assertThat(tools.calls).singleElement().satisfies(call -> {
            assertThat(call.tool()).isEqualTo("kb.search");
            assertThat(call.runId()).isEqualTo(run.id());
            assertThat(call.arguments()).containsEntry("q", "size 42");
        });
        assertThat(transcript(conversation))
                .extracting(ChatMessage::role, ChatMessage::visibility)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Role.USER, Visibility.CUSTOMER),
                        org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, Visibility.OPERATOR),
                        org.assertj.core.groups.Tuple.tuple(Role.TOOL, Visibility.OPERATOR),
                        org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, Visibility.CUSTOMER));
        ChatMessage result = transcript(conversation).get(2);
        assertThat(result.trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(result.provenance()).isEqualTo("tool:kb.search@1.0.0");
        assertThat(result.content()).contains("Size 42 is in stock.");
        // the second call saw the result in the tool slot, wrapped
        Message slot = models.calls.get(1).messages().stream()
                .filter(m -> m.role().equals("tool"))
                .findFirst()
                .orElseThrow();
        assertThat(slot.toolCallId()).isEqualTo("c1");
        assertThat(slot.content()).startsWith("<untrusted id=").contains("Size 42 is in stock.");

        assertThat(runs.steps(WS, run.id()))
                .extracting(RunStep::kind, RunStep::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("model", "done"),
                        org.assertj.core.groups.Tuple.tuple("tool", "done"),
                        org.assertj.core.groups.Tuple.tuple("model", "done"));
        List<String> types = eventTypes(run.id());
        assertThat(types).startsWith("run.state", "run.state").endsWith("run.state", "run.end");
        assertThat(types).contains("tool.call", "tool.result", "message.delta", "message.completed", "usage");
        assertThat(String.join(
                        "",
                        events(run.id()).stream()
                                .filter(e -> e.type().equals("message.delta"))
                                .map(e -> Json.parse(e.data()).path("text").asText())
                                .toList()))
                .isEqualTo("Yes, size 42 is in stock for you.");
        assertThat(auditedStates(run.id())).containsExactly("queued", "running", "completed");
    }

    @Test
    void theLastAllowedModelCallIsOfferedNoTools() throws Exception {
        tools.tool("kb.search", Risk.READ, call -> FakeTools.ok("nothing"));
        models.then(ask(toolCall("c1", "kb.search", "q", "a"))).then(answer("done"));
        Conversation conversation =
                conversation(agent(new Limits(2, 4, 120, 256), List.of("kb.search"), HandoffRules.DEFAULT));

        Run run = awaitEnd(post(conversation, "hi", Trust.TRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(models.calls).hasSize(2);
        assertThat(models.calls.get(0).tools())
                .extracting(ToolDescriptor::name)
                .containsExactlyInAnyOrder("kb.search", "handoff");
        assertThat(models.calls.get(1).tools()).isEmpty();
        assertThat(models.calls.get(0).maxTokens()).isEqualTo(256);
        assertThat(models.calls.get(0).actor()).isEqualTo("run:" + run.id());
        assertThat(models.calls.get(0).runId()).isEqualTo(run.id());
    }

    @Test
    void aModelThatKeepsAskingForToolsStopsAtTheLimitWithTheHandoffText() throws Exception {
        tools.tool("kb.search", Risk.READ, call -> FakeTools.ok("nothing"));
        models.otherwise(ask(toolCall("again", "kb.search", "q", "a")));
        Conversation conversation =
                conversation(agent(new Limits(3, 4, 120, 256), List.of("kb.search"), HandoffRules.DEFAULT));

        Run run = awaitEnd(post(conversation, "hi", Trust.TRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.LIMIT_REACHED);
        assertThat(models.calls).hasSize(3); // never a 4th
        List<ChatMessage> transcript = transcript(conversation);
        ChatMessage last = transcript.get(transcript.size() - 1);
        assertThat(last.content()).isEqualTo(HandoffRules.DEFAULT_MESSAGE);
        assertThat(last.visibility()).isEqualTo(Visibility.CUSTOMER);
        assertThat(openReviewItems()).isEqualTo(1);
    }

    @Test
    void aRunPastItsActiveTimeStopsAtTheNextStep() throws Exception {
        tools.tool("kb.search", Risk.READ, call -> FakeTools.ok("r"));
        ScriptedModels.Reply slowAsk = ask(toolCall("c1", "kb.search", "q", "a"));
        models.then((call, sink) -> {
                    try {
                        Thread.sleep(1_200); // longer than the agent's 1 s of active time
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return slowAsk.answer(call, sink);
                })
                .then(answer("never asked"));
        Conversation conversation =
                conversation(agent(new Limits(8, 4, 1, 256), List.of("kb.search"), HandoffRules.DEFAULT));

        Run run = awaitEnd(post(conversation, "hi", Trust.TRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.LIMIT_REACHED);
        assertThat(run.endReason()).isEqualTo("wall_clock");
        assertThat(models.calls).hasSize(1);
        assertThat(run.activeMillis()).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void toolCallsBeyondThePerTurnLimitAreRefusedToTheModel() throws Exception {
        tools.tool("kb.search", Risk.READ, call -> FakeTools.ok("r"));
        models.then(ask(
                        toolCall("c1", "kb.search", "q", "1"),
                        toolCall("c2", "kb.search", "q", "2"),
                        toolCall("c3", "kb.search", "q", "3")))
                .then(answer("ok"));
        Conversation conversation =
                conversation(agent(new Limits(8, 2, 120, 256), List.of("kb.search"), HandoffRules.DEFAULT));

        Run run = awaitEnd(post(conversation, "hi", Trust.TRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(tools.calls).extracting(call -> call.arguments().get("q")).containsExactly("1", "2");
        ChatMessage third = transcript(conversation).stream()
                .filter(m -> "c3".equals(m.toolCallId()))
                .findFirst()
                .orElseThrow();
        assertThat(Json.parse(third.content()).path("error").path("code").asText())
                .isEqualTo("limit");
        assertThat(run.toolCalls()).isEqualTo(2);
    }

    @Test
    void aToolTheAgentMayNotCallIsNeverInvoked() throws Exception {
        tools.tool("kb.search", Risk.READ, call -> FakeTools.ok("r"));
        tools.tool("payments.refund", Risk.WRITE, call -> FakeTools.ok("refunded"));
        models.then(ask(toolCall("c1", "payments.refund", "amount", 100))).then(answer("sorry"));
        Conversation conversation = conversation(agent("kb.search"));

        Run run = awaitEnd(post(conversation, "refund me", Trust.TRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(tools.calls).isEmpty();
        assertThat(models.calls.get(0).tools()).extracting(ToolDescriptor::name).doesNotContain("payments.refund");
    }

    @Test
    void aCallNeedingApprovalParksTheRunWithoutAThreadAndResumesWhenDecided() throws Exception {
        tools.tool(
                "mail.send",
                Risk.WRITE,
                call -> new ToolOutcome.Pending("appr-1", Instant.now().plusSeconds(3600)));
        tools.approvals.put("appr-1", new ApprovalState("pending", null));
        models.then(ask(toolCall("c1", "mail.send", "to", "bob@shop.example"))).then(answer("Sent."));
        Conversation conversation = conversation(agent("mail.send"));

        Run parked = awaitState(post(conversation, "mail bob", Trust.TRUSTED).id(), RunState.AWAITING_APPROVAL);

        assertThat(parked.approvalId()).isEqualTo("appr-1");
        assertThat(parked.leaseOwner()).isNull();
        awaitIdle();
        assertThat(engine.inHand()).as("no worker holds the waiting run").isZero();
        assertThat(eventTypes(parked.id())).contains("approval.required");
        assertThat(runs.steps(WS, parked.id())).extracting(RunStep::state).containsExactly("done", "pending");

        var result = Json.object().put("status", "ok");
        result.putObject("result").put("untrusted", true).put("text", "queued for delivery");
        tools.approvals.put("appr-1", new ApprovalState("executed", result));
        engine.decided(WS, "appr-1", parked.id(), "executed");
        Run run = awaitEnd(parked.id());

        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(tools.calls).hasSize(1); // the approved call ran in the tools bundle, not again here
        assertThat(transcript(conversation).stream().filter(m -> "c1".equals(m.toolCallId())))
                .singleElement()
                .satisfies(m -> assertThat(m.content()).contains("queued for delivery"));
        assertThat(auditedStates(run.id()))
                .containsExactly("queued", "running", "awaiting_approval", "running", "completed");
    }

    @Test
    void aDeniedApprovalIsAnsweredAsNotApproved() throws Exception {
        tools.tool(
                "mail.send",
                Risk.WRITE,
                call -> new ToolOutcome.Pending("appr-2", Instant.now().plusSeconds(3600)));
        tools.approvals.put("appr-2", new ApprovalState("pending", null));
        models.then(ask(toolCall("c1", "mail.send", "to", "x"))).then(answer("It was not approved."));
        Conversation conversation = conversation(agent("mail.send"));
        Run parked = awaitState(post(conversation, "mail", Trust.TRUSTED).id(), RunState.AWAITING_APPROVAL);

        tools.approvals.put("appr-2", new ApprovalState("denied", null));
        // no listener call: the sweeper's poll finds the decision
        Run run = awaitEnd(parked.id());

        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(transcript(conversation).stream().filter(m -> "c1".equals(m.toolCallId())))
                .singleElement()
                .satisfies(m -> assertThat(Json.parse(m.content())
                                .path("error")
                                .path("code")
                                .asText())
                        .isEqualTo("denied"));
    }

    @Test
    void aRunWhoseNodeDiedIsResumedWithoutRunningItsStartedToolCallAgain() throws Exception {
        tools.tool("payments.refund", Risk.WRITE, call -> FakeTools.ok("refunded"));
        models.then(answer("I could not confirm the refund; a colleague will check."));
        Agent agent = agent("payments.refund");
        Conversation conversation = conversation(agent);
        // What a node left when it died mid tool call: the model asked, the tool step started.
        ChatMessage trigger = conversations.append(
                WS,
                new NewMessage(
                        conversation.id(),
                        Role.USER,
                        "refund order 7",
                        Trust.TRUSTED,
                        Visibility.CUSTOMER,
                        null,
                        null,
                        List.of(),
                        null,
                        "member",
                        "member-1"));
        Run run = runs.create(
                WS,
                new NewRun(
                        conversation.id(),
                        agent.id(),
                        agent.version(),
                        trigger.id(),
                        "member",
                        "member-1",
                        Trust.TRUSTED));
        assertThat(runs.claim(WS, run.id(), java.util.Set.of(RunState.QUEUED), "dead-node", Duration.ofMillis(1)))
                .isPresent();
        ModelProvider.ToolCall asked = toolCall("c1", "payments.refund", "order", "7");
        conversations.append(
                WS,
                new NewMessage(
                        conversation.id(),
                        Role.ASSISTANT,
                        "",
                        Trust.TRUSTED,
                        Visibility.OPERATOR,
                        run.id(),
                        null,
                        List.of(asked),
                        null,
                        "agent",
                        agent.id()));
        runs.startStep(WS, run.id(), new NewStep("tool", "c1", "payments.refund", null, Trust.TRUSTED, "{}"));

        Run resumed = awaitEnd(run.id()); // the sweeper finds it once the 1 ms lease ran out

        assertThat(resumed.state()).isEqualTo(RunState.COMPLETED);
        assertThat(tools.calls).isEmpty();
        assertThat(runs.steps(WS, run.id()))
                .extracting(RunStep::kind, RunStep::state)
                .startsWith(org.assertj.core.groups.Tuple.tuple("tool", "interrupted"));
        ChatMessage answer = transcript(conversation).stream()
                .filter(m -> "c1".equals(m.toolCallId()))
                .findFirst()
                .orElseThrow();
        assertThat(Json.parse(answer.content()).path("error").path("code").asText())
                .isEqualTo("interrupted");
        assertThat(models.calls)
                .singleElement()
                .satisfies(call -> assertThat(call.messages())
                        .anyMatch(m -> m.role().equals("tool") && m.content().contains("not retried")));
        assertThat(auditedStates(run.id())).containsExactly("running", "completed");
        assertThat(audit.events.stream()
                        .filter(e -> e.action().equals("run.state"))
                        .map(e -> e.reasonText()))
                .contains("resumed");
    }

    @Test
    void cancellingARunningRunAbortsItsModelStream() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean aborted = new AtomicBoolean();
        models.then(ScriptedModels.slow(started, aborted, false));
        Conversation conversation = conversation(agent());
        Run run = post(conversation, "tell me a long story", Trust.TRUSTED);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(engine.cancel(WS, run.id(), MEMBER, "req-2")).isPresent();
        Run cancelled = awaitEnd(run.id());

        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(aborted).isTrue();
        assertThat(cancelled.cancelRequested()).isTrue();
        assertThat(awaitEvent(run.id(), "run.end")).isTrue();
        assertThat(tools.expiredRuns).contains(run.id());
    }

    @Test
    void cancellingARunWhoseModelSendsNothingAbortsTheCall() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean aborted = new AtomicBoolean();
        models.then(ScriptedModels.slow(started, aborted, true));
        Conversation conversation = conversation(agent());
        Run run = post(conversation, "tell me a long story", Trust.TRUSTED);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        engine.cancel(WS, run.id(), MEMBER, "req-2");

        assertThat(awaitEnd(run.id()).state()).isEqualTo(RunState.CANCELLED);
        assertThat(aborted).isTrue();
    }

    @Test
    void cancellingARunAwaitingApprovalExpiresItsApprovals() throws Exception {
        tools.tool(
                "mail.send",
                Risk.WRITE,
                call -> new ToolOutcome.Pending("appr-3", Instant.now().plusSeconds(3600)));
        tools.approvals.put("appr-3", new ApprovalState("pending", null));
        models.then(ask(toolCall("c1", "mail.send", "to", "x")));
        Conversation conversation = conversation(agent("mail.send"));
        Run parked = awaitState(post(conversation, "mail", Trust.TRUSTED).id(), RunState.AWAITING_APPROVAL);

        Run cancelled = engine.cancel(WS, parked.id(), MEMBER, "req-3").orElseThrow();

        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(tools.expiredRuns).containsExactly(parked.id());
        assertThat(tools.approvals.get("appr-3").status()).isEqualTo("expired");
        assertThat(models.calls).hasSize(1);
        assertThat(engine.cancel(WS, parked.id(), MEMBER, "req-4"))
                .get()
                .extracting(Run::state)
                .isEqualTo(RunState.CANCELLED);
    }

    @Test
    void aBudgetRefusalEndsTheRunWithTheHandoffTextAndAReviewItem() throws Exception {
        models.then(ScriptedModels.refuse(ModelRefusal.Kind.BUDGET_EXHAUSTED));
        HandoffRules rules = new HandoffRules(List.of(), "A person will answer you shortly.");
        Conversation conversation = conversation(agent(Limits.DEFAULT, List.of(), rules));

        Run run = awaitEnd(post(conversation, "hello", Trust.UNTRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.BUDGET_EXHAUSTED);
        List<ChatMessage> transcript = transcript(conversation);
        assertThat(transcript).last().satisfies(m -> {
            assertThat(m.content()).isEqualTo("A person will answer you shortly.");
            assertThat(m.role()).isEqualTo(Role.ASSISTANT);
            assertThat(m.visibility()).isEqualTo(Visibility.CUSTOMER);
        });
        assertThat(review.list(WS, "open", new io.portcullis.web.PageRequest(200, ""))
                        .items())
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.kind()).isEqualTo("escalation");
                    assertThat(item.runId()).isEqualTo(run.id());
                    assertThat(item.reason()).isEqualTo("budget_exhausted");
                });
    }

    @Test
    void aProviderNotYetAvailableLeavesTheRunToBeTakenUpAgainInsteadOfFailingIt() throws Exception {
        models.then(ScriptedModels.refuse(ModelRefusal.Kind.PROVIDER_UNAVAILABLE));
        Conversation conversation = conversation(agent());

        Run run = post(conversation, "hello", Trust.UNTRUSTED);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runs.steps(WS, run.id()).stream().noneMatch(s -> s.state().equals("failed"))) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        Run waiting = runs.find(WS, run.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(RunState.RUNNING); // its lease runs out; the sweeper retries
        assertThat(waiting.leaseUntil()).isNotNull();
        assertThat(openReviewItems()).isZero();
        assertThat(transcript(conversation))
                .extracting(ChatMessage::content)
                .doesNotContain(HandoffRules.DEFAULT_MESSAGE);
    }

    @Test
    void aProviderFailureEndsTheRunFailedWithTheHandoffText() throws Exception {
        models.then(ScriptedModels.refuse(ModelRefusal.Kind.PROVIDER_FAILED));
        Conversation conversation = conversation(agent());

        Run run = awaitEnd(post(conversation, "hello", Trust.UNTRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.endReason()).isEqualTo("provider_failed");
        assertThat(transcript(conversation))
                .last()
                .extracting(ChatMessage::content)
                .isEqualTo(HandoffRules.DEFAULT_MESSAGE);
        assertThat(openReviewItems()).isEqualTo(1);
        assertThat(models.calls).hasSize(1); // not retried
    }

    @Test
    void aHandoffKeywordHandsOffBeforeAnyModelCall() throws Exception {
        Conversation conversation = conversation(agent(
                Limits.DEFAULT,
                List.of(),
                new HandoffRules(List.of("human", "speak to a manager"), "Handing you over.")));

        Run run = awaitEnd(post(conversation, "I want to SPEAK to a manager now", Trust.UNTRUSTED)
                .id());

        assertThat(run.state()).isEqualTo(RunState.HANDED_OFF);
        assertThat(run.endReason()).isEqualTo("handoff_keyword");
        assertThat(models.calls).isEmpty();
        assertThat(transcript(conversation))
                .last()
                .extracting(ChatMessage::content)
                .isEqualTo("Handing you over.");
        assertThat(openReviewItems()).isEqualTo(1);
    }

    @Test
    void theModelsHandoffToolHandsOff() throws Exception {
        models.then(ask(toolCall("h1", "handoff", "reason", "angry customer")));
        Conversation conversation = conversation(agent());

        Run run = awaitEnd(
                post(conversation, "this is unacceptable", Trust.UNTRUSTED).id());

        assertThat(run.state()).isEqualTo(RunState.HANDED_OFF);
        assertThat(run.endReason()).isEqualTo("model_handoff");
        assertThat(tools.calls).isEmpty();
        assertThat(openReviewItems()).isEqualTo(1);
    }

    @Test
    void runsOfOneConversationRunOneAtATimeInOrder() throws Exception {
        ScriptedModels.Reply first = answer("First answer.");
        models.then((call, sink) -> {
                    try {
                        Thread.sleep(300); // the second message arrives while the first run is in the model
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return first.answer(call, sink);
                })
                .then(answer("Second answer."));
        Conversation conversation = conversation(agent());

        Run one = post(conversation, "first question", Trust.TRUSTED);
        Run two = post(conversation, "second question", Trust.TRUSTED);

        assertThat(awaitEnd(two.id()).state()).isEqualTo(RunState.COMPLETED);
        assertThat(awaitEnd(one.id()).state()).isEqualTo(RunState.COMPLETED);
        assertThat(models.calls).hasSize(2);
        assertThat(models.calls.get(0).messages()).noneMatch(m -> m.content().contains("second question"));
        assertThat(models.calls.get(1).messages())
                .extracting(Message::content)
                .containsSubsequence("first question", "First answer.", "second question");
    }

    /** Waits until no worker has a run in hand (bounded). */
    void awaitIdle() throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (engine.inHand() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }
}
