package io.portcullis.agent.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Runs: their conditional moves, leases on the database's clock, steps, events and the sweep. */
abstract class JdbcRunStoreContract extends JdbcStoreFixture {

    static final Duration LEASE = Duration.ofMinutes(5);
    static final Set<RunState> QUEUED = Set.of(RunState.QUEUED);
    static final Set<RunState> RESUMABLE = Set.of(RunState.QUEUED, RunState.RUNNING);

    @Test
    void aRunIsCreatedQueuedWithItsCountersAtZero() throws Exception {
        Run run = run(WS, conversation(WS));

        assertThat(run.state()).isEqualTo(RunState.QUEUED);
        assertThat(run.label()).isEqualTo(Trust.UNTRUSTED);
        assertThat(run.cancelRequested()).isFalse();
        assertThat(run.leaseOwner()).isNull();
        assertThat(run.leaseUntil()).isNull();
        assertThat(run.modelCalls() + run.toolCalls()).isZero();
        assertThat(run.inputTokens() + run.outputTokens() + run.costMicros() + run.activeMillis())
                .isZero();
        assertThat(run.endedAt()).isNull();
        assertThat(runs.find(WS, run.id())).contains(run);
    }

    @Test
    void aClaimTakesTheRunUnderALeaseThatOthersRespect() throws Exception {
        Run run = run(WS, conversation(WS));

        Run claimed = runs.claim(WS, run.id(), QUEUED, "node-a", LEASE).orElseThrow();
        assertThat(claimed.state()).isEqualTo(RunState.RUNNING);
        assertThat(claimed.leaseOwner()).isEqualTo("node-a");
        assertThat(claimed.leaseUntil()).isNotNull();

        assertThat(runs.claim(WS, run.id(), RESUMABLE, "node-b", LEASE)).isEmpty();
        assertThat(runs.renew(WS, run.id(), "node-b", LEASE)).isFalse();
        assertThat(runs.renew(WS, run.id(), "node-a", LEASE)).isTrue();
        assertThat(runs.find(WS, run.id()))
                .get()
                .satisfies(r -> assertThat(r.leaseOwner()).isEqualTo("node-a"));
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsOldHolderLosesIt() throws Exception {
        Run run = run(WS, conversation(WS));
        runs.claim(WS, run.id(), QUEUED, "node-a", LEASE).orElseThrow();
        expireLease(run.id());

        assertThat(runs.claim(WS, run.id(), QUEUED, "node-b", LEASE)).isEmpty(); // not queued any more
        Run taken = runs.claim(WS, run.id(), RESUMABLE, "node-b", LEASE).orElseThrow();
        assertThat(taken.leaseOwner()).isEqualTo("node-b");
        assertThat(taken.leaseUntil())
                .isAfter(runs.find(WS, run.id()).orElseThrow().createdAt());
        assertThat(runs.renew(WS, run.id(), "node-a", LEASE)).isFalse();
        assertThat(runs.renew(WS, run.id(), "node-b", LEASE)).isTrue();
    }

    @Test
    void ofTwoConcurrentClaimersOneWins() throws Exception {
        Conversation conversation = conversation(WS);
        for (int i = 0; i < 10; i++) {
            Run run = run(WS, conversation(WS));
            AtomicInteger node = new AtomicInteger();
            List<Optional<Run>> claims =
                    together(2, () -> runs.claim(WS, run.id(), RESUMABLE, "node-" + node.incrementAndGet(), LEASE));
            assertThat(claims.stream().filter(Optional::isPresent)).hasSize(1);
        }
        assertThat(conversation.id()).isNotNull();
    }

    @Test
    void aQueuedRunWaitsForTheOlderUnfinishedRunsOfItsConversation() throws Exception {
        Conversation conversation = conversation(WS);
        Run first = run(WS, conversation); // same clock instant: order kept by the store
        Run second = run(WS, conversation);
        Run elsewhere = run(WS, conversation(WS));
        assertThat(second.createdAt()).isAfter(first.createdAt());

        assertThat(runs.claim(WS, second.id(), QUEUED, "node-a", LEASE)).isEmpty();
        assertThat(runs.claim(WS, elsewhere.id(), QUEUED, "node-a", LEASE)).isPresent();
        assertThat(runs.claim(WS, first.id(), QUEUED, "node-a", LEASE)).isPresent();
        assertThat(runs.claim(WS, second.id(), QUEUED, "node-a", LEASE)).isEmpty(); // first is running
        assertThat(runs.transition(WS, first.id(), RunState.RUNNING, RunState.AWAITING_APPROVAL, null))
                .isTrue();
        assertThat(runs.claim(WS, second.id(), QUEUED, "node-a", LEASE)).isEmpty(); // first waits, unfinished
        runs.claim(WS, first.id(), Set.of(RunState.AWAITING_APPROVAL), "node-a", LEASE)
                .orElseThrow();
        assertThat(runs.transition(WS, first.id(), RunState.RUNNING, RunState.COMPLETED, "answered"))
                .isTrue();
        assertThat(runs.claim(WS, second.id(), QUEUED, "node-a", LEASE)).isPresent();
    }

    @Test
    void transitionsAreConditionalAndEndingOnesCloseTheRun() throws Exception {
        Run run = run(WS, conversation(WS));
        runs.claim(WS, run.id(), QUEUED, "node-a", LEASE).orElseThrow();

        assertThat(runs.transition(WS, run.id(), RunState.QUEUED, RunState.RUNNING, null))
                .isFalse();
        assertThat(runs.transition(WS, run.id(), RunState.RUNNING, RunState.AWAITING_APPROVAL, null))
                .isTrue();
        Run waiting = runs.find(WS, run.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(RunState.AWAITING_APPROVAL);
        assertThat(waiting.leaseOwner()).isNull();
        assertThat(waiting.leaseUntil()).isNull();
        assertThat(waiting.endedAt()).isNull();

        clock.advance(Duration.ofSeconds(3));
        assertThat(runs.transition(WS, run.id(), RunState.AWAITING_APPROVAL, RunState.CANCELLED, "cancelled"))
                .isTrue();
        Run ended = runs.find(WS, run.id()).orElseThrow();
        assertThat(ended.state()).isEqualTo(RunState.CANCELLED);
        assertThat(ended.endReason()).isEqualTo("cancelled");
        assertThat(ended.endedAt()).isEqualTo(START.plusSeconds(3));
        assertThat(runs.transition(WS, run.id(), RunState.AWAITING_APPROVAL, RunState.RUNNING, null))
                .isFalse();
        assertThat(runs.claim(WS, run.id(), Set.of(RunState.values()), "node-a", LEASE))
                .isEmpty();
        assertThat(runs.transition(WS, run.id(), RunState.CANCELLED, RunState.COMPLETED, "answered"))
                .isFalse();
        assertThat(runs.find(WS, run.id())).contains(ended);
    }

    @Test
    void aTerminalMoveReleasesTheLease() throws Exception {
        Run run = run(WS, conversation(WS));
        runs.claim(WS, run.id(), QUEUED, "node-a", LEASE).orElseThrow();
        assertThat(runs.transition(WS, run.id(), RunState.RUNNING, RunState.LIMIT_REACHED, "model_calls"))
                .isTrue();
        Run ended = runs.find(WS, run.id()).orElseThrow();
        assertThat(ended.leaseOwner()).isNull();
        assertThat(ended.leaseUntil()).isNull();
        assertThat(ended.endReason()).isEqualTo("model_calls");
        assertThat(runs.renew(WS, run.id(), "node-a", LEASE)).isFalse();
    }

    @Test
    void cancelIsRequestedOnlyOfRunsThatHaveNotEnded() throws Exception {
        Run open = run(WS, conversation(WS));
        Run done = run(WS, conversation(WS));
        runs.transition(WS, done.id(), RunState.QUEUED, RunState.FAILED, "failed");

        assertThat(runs.requestCancel(WS, open.id())).isTrue();
        assertThat(runs.find(WS, open.id()))
                .get()
                .satisfies(r -> assertThat(r.cancelRequested()).isTrue());
        assertThat(runs.requestCancel(WS, done.id())).isFalse();
        assertThat(runs.find(WS, done.id()))
                .get()
                .satisfies(r -> assertThat(r.cancelRequested()).isFalse());
        assertThat(runs.requestCancel(WS, "0".repeat(24))).isFalse();
    }

    @Test
    void countersAddUpAndTheLabelIsSticky() throws Exception {
        Run run = runs.create(
                WS,
                new NewRun(conversation(WS).id(), "a".repeat(24), 1, "m".repeat(24), "member", "m-1", Trust.TRUSTED));
        runs.count(WS, run.id(), 1, 2, 100, 20, 7, 1500);
        runs.count(WS, run.id(), 1, 0, 50, 5, 3, 500);
        runs.mark(WS, run.id(), Trust.UNTRUSTED, "b".repeat(24));
        runs.mark(WS, run.id(), Trust.TRUSTED, null);

        Run read = runs.find(WS, run.id()).orElseThrow();
        assertThat(read.modelCalls()).isEqualTo(2);
        assertThat(read.toolCalls()).isEqualTo(2);
        assertThat(read.inputTokens()).isEqualTo(150);
        assertThat(read.outputTokens()).isEqualTo(25);
        assertThat(read.costMicros()).isEqualTo(10);
        assertThat(read.activeMillis()).isEqualTo(2000);
        assertThat(read.label()).isEqualTo(Trust.UNTRUSTED);
        assertThat(read.approvalId()).isNull();
    }

    @Test
    void stepsAreNumberedParkedAndFinished() throws Exception {
        Run run = run(WS, conversation(WS));
        RunStep model =
                runs.startStep(WS, run.id(), new NewStep("model", null, null, "ab".repeat(32), Trust.TRUSTED, "{}"));
        RunStep tool = runs.startStep(
                WS, run.id(), new NewStep("tool", "call-1", "search", null, Trust.UNTRUSTED, "{\"q\":\"x\"}"));
        assertThat(model.seq()).isEqualTo(1);
        assertThat(tool.seq()).isEqualTo(2);
        assertThat(tool.state()).isEqualTo("started");

        clock.advance(Duration.ofSeconds(1));
        runs.finishStep(WS, run.id(), 1, "done", "{\"finish\":\"tool_calls\"}", "usage-1", null);
        runs.finishStep(WS, run.id(), 2, "pending", "{\"code\":\"pending\"}", null, "c".repeat(24));
        List<RunStep> parked = runs.steps(WS, run.id());
        assertThat(parked.get(0).state()).isEqualTo("done");
        assertThat(parked.get(0).usageId()).isEqualTo("usage-1");
        assertThat(parked.get(0).finishedAt()).isEqualTo(START.plusSeconds(1));
        assertThat(parked.get(1).state()).isEqualTo("pending");
        assertThat(parked.get(1).finishedAt()).isNull();

        runs.finishStep(WS, run.id(), 2, "done", "{\"code\":\"ok\"}", null, null);
        RunStep finished = runs.steps(WS, run.id()).get(1);
        assertThat(finished.approvalId()).isEqualTo("c".repeat(24)); // kept
        assertThat(finished.detail()).isEqualTo("{\"code\":\"ok\"}");
        assertThat(finished.finishedAt()).isNotNull();
        assertThat(finished.tool()).isEqualTo("search");
        assertThat(finished.label()).isEqualTo(Trust.UNTRUSTED);
    }

    @Test
    void concurrentEventsEachGetTheirOwnNumberAndReplayInOrder() throws Exception {
        Run run = run(WS, conversation(WS));
        AtomicInteger n = new AtomicInteger();
        List<List<Long>> perThread = together(8, () -> {
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                seqs.add(runs.appendEvent(WS, run.id(), "message.delta", "{\"text\":\"" + n.incrementAndGet() + "\"}"));
            }
            return seqs;
        });
        assertThat(perThread.stream().flatMap(List::stream))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 200).boxed().toList());

        List<RunEvent> replay = runs.events(WS, run.id(), 190, 100);
        assertThat(replay)
                .extracting(RunEvent::seq)
                .containsExactly(191L, 192L, 193L, 194L, 195L, 196L, 197L, 198L, 199L, 200L);
        assertThat(runs.events(WS, run.id(), 0, 3)).extracting(RunEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(replay.get(0).type()).isEqualTo("message.delta");
    }

    @Test
    void theSweepFindsRunsWithoutALiveLeaseAndRunsWaitingForApprovalsInEveryWorkspace() throws Exception {
        Run queued = run(WS, conversation(WS));
        Run live = run(WS, conversation(WS));
        runs.claim(WS, live.id(), QUEUED, "node-a", LEASE).orElseThrow();
        Run orphaned = run(OTHER_WS, conversation(OTHER_WS));
        runs.claim(OTHER_WS, orphaned.id(), QUEUED, "node-a", LEASE).orElseThrow();
        expireLease(orphaned.id());
        Run waiting = run(OTHER_WS, conversation(OTHER_WS));
        runs.claim(OTHER_WS, waiting.id(), QUEUED, "node-a", LEASE).orElseThrow();
        runs.mark(OTHER_WS, waiting.id(), Trust.UNTRUSTED, "d".repeat(24));
        runs.transition(OTHER_WS, waiting.id(), RunState.RUNNING, RunState.AWAITING_APPROVAL, null);
        Run ended = run(WS, conversation(WS));
        runs.transition(WS, ended.id(), RunState.QUEUED, RunState.EXPIRED, "max_wait");

        assertThat(runs.due(10))
                .containsExactlyInAnyOrder(
                        new RunStore.Due(WS, queued.id(), RunState.QUEUED, null),
                        new RunStore.Due(OTHER_WS, orphaned.id(), RunState.RUNNING, null),
                        new RunStore.Due(OTHER_WS, waiting.id(), RunState.AWAITING_APPROVAL, "d".repeat(24)));
        assertThat(runs.due(2))
                .extracting(RunStore.Due::runId)
                .containsExactlyInAnyOrder(queued.id(), orphaned.id()); // lease-less runs first
    }

    @Test
    void runsArePagedAndFilteredByConversation() throws Exception {
        Conversation conversation = conversation(WS);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(run(WS, conversation).id());
        }
        run(WS, conversation(WS));
        Page<Run> first = runs.list(WS, conversation.id(), new PageRequest(2, ""));
        assertThat(first.nextCursor()).matches(JdbcRunStore.CURSOR);
        Page<Run> second = runs.list(WS, conversation.id(), new PageRequest(2, first.nextCursor()));
        assertThat(second.nextCursor()).isNull();
        List<String> seen = new ArrayList<>();
        first.items().forEach(r -> seen.add(r.id()));
        second.items().forEach(r -> seen.add(r.id()));
        assertThat(seen).isSorted().containsExactlyInAnyOrderElementsOf(made);
        assertThat(runs.list(WS, null, new PageRequest(10, "")).items()).hasSize(4);
    }

    @Test
    void aRunOfAMissingConversationOrAStepOfAMissingRunIs404() {
        assertThatThrownBy(() -> runs.create(
                        WS,
                        new NewRun("e".repeat(24), "a".repeat(24), 1, "m".repeat(24), "member", "m", Trust.TRUSTED)))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> runs.appendEvent(WS, "e".repeat(24), "run.state", "{}"))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
