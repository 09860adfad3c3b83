package io.portcullis.tools.internal.approvals;

import static io.portcullis.tools.testing.Harness.ALICE;
import static io.portcullis.tools.testing.Harness.BOB;
import static io.portcullis.tools.testing.Harness.OTHER_WS;
import static io.portcullis.tools.testing.Harness.WS;
import static io.portcullis.tools.testing.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.portcullis.spi.Risk;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.testing.FakeMembership;
import io.portcullis.tools.testing.FakePolicy;
import io.portcullis.tools.testing.FakeRedactor;
import io.portcullis.tools.testing.Harness;
import io.portcullis.tools.testing.TestTool;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The approvals queue against a real database: H2 and PostgreSQL (with row-level security) alike. */
abstract class ApprovalsContract {

    TestDatabase db;
    Harness h;
    ApprovalStore store;
    Approvals approvals;
    FakeMembership membership;
    TestTool tool;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = database();
        h = new Harness(4, 16, Harness.lazily(() -> store));
        store = new ApprovalStore(db.database, h.clock);
        membership = new FakeMembership();
        approvals = new Approvals(store, h.invoker, h.policy, h.audit, membership);
        tool = h.add(TestTool.echo("ticket.delete", Risk.DESTRUCTIVE));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    String request(Map<String, Object> arguments) {
        ToolOutcome outcome = h.invoker.invoke(call("ticket.delete", arguments));
        assertThat(outcome).isInstanceOf(ToolOutcome.Pending.class);
        return ((ToolOutcome.Pending) outcome).approvalId();
    }

    @Test
    void aPendingCallIsListedWithRedactedArgumentsAndItsRequester() throws Exception {
        String id = request(Map.of("query", "key " + FakeRedactor.SECRET));
        Approval approval = approvals.get(WS, id);
        assertThat(approval.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approval.tool()).isEqualTo("ticket.delete");
        assertThat(approval.risk()).isEqualTo("destructive");
        assertThat(approval.requesterId()).isEqualTo("alice");
        assertThat(approval.expiresAt()).isEqualTo(h.clock.instant().plus(Duration.ofHours(1)));
        assertThat(approval.displayArguments())
                .doesNotContain(FakeRedactor.SECRET)
                .contains(FakeRedactor.MARK);
        assertThat(approval.history()).extracting(Approval.Transition::status).containsExactly(ApprovalStatus.PENDING);
        assertThat(approvals.list(WS, new PageRequest(50, "")).items())
                .extracting(Approval::id)
                .containsExactly(id);
    }

    @Test
    void anApprovalRunsOnceEvenUnderConcurrentApprovers() throws Exception {
        String id = request(Map.of("query", "x"));
        int approvers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(approvers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < approvers; i++) {
            io.portcullis.audit.Actor approver = new io.portcullis.audit.Actor("member", "op" + i, null);
            Callable<Integer> approve = () -> {
                go.await();
                try {
                    approvals.approve(WS, id, approver, null);
                    return 200;
                } catch (ProblemException e) {
                    return e.status();
                }
            };
            results.add(pool.submit(approve));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        assertThat(tool.calls).hasSize(1);
        Approval done = approvals.get(WS, id);
        assertThat(done.status()).isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(done.outcome()).isEqualTo("ok");
        assertThat(done.history())
                .extracting(Approval.Transition::status)
                .containsExactly(ApprovalStatus.PENDING, ApprovalStatus.APPROVED, ApprovalStatus.EXECUTED);
        assertThat(h.audit.events)
                .filteredOn(e -> e.action().equals("tool.invoke") && "approved".equals(e.reasonCode()))
                .hasSize(1);
    }

    @Test
    void anApproveAnswersWithTheCallsResultAndClearsTheStoredArguments() throws Exception {
        String id = request(Map.of("query", "key " + FakeRedactor.SECRET));
        assertThat(storedArguments(id)).contains(FakeRedactor.SECRET);

        Approvals.Decided decided = approvals.approve(WS, id, BOB, "req-2");
        assertThat(decided.outcome())
                .isInstanceOfSatisfying(
                        ToolOutcome.Completed.class, c -> assertThat(c.ok()).isTrue());
        assertThat(decided.approval().decidedBy()).isEqualTo("bob");
        assertThat(storedArguments(id)).isNull();
        assertThat(tool.calls).containsExactly(Map.of("query", "key " + FakeRedactor.SECRET));
    }

    @Test
    void aCallThatFailsOnApprovalIsMarkedFailed() throws Exception {
        String id = request(Map.of("query", "x"));
        h.pluginActive = false;
        Approvals.Decided decided = approvals.approve(WS, id, BOB, null);
        assertThat(decided.approval().status()).isEqualTo(ApprovalStatus.FAILED);
        assertThat(decided.approval().outcome()).isEqualTo("not_found");
        assertThat(tool.calls).isEmpty();
    }

    @Test
    void aDeniedCallNeverRuns() throws Exception {
        String id = request(Map.of("query", "x"));
        Approval denied = approvals.deny(WS, id, BOB, null).approval();
        assertThat(denied.status()).isEqualTo(ApprovalStatus.DENIED);
        assertThat(storedArguments(id)).isNull();

        assertThat(problem(() -> approvals.approve(WS, id, BOB, null)).status()).isEqualTo(409);
        assertThat(problem(() -> approvals.deny(WS, id, BOB, null)).status()).isEqualTo(409);
        assertThat(tool.calls).isEmpty();
    }

    @Test
    void anExpiredApprovalAnswersConflictAndShowsExpired() throws Exception {
        String id = request(Map.of("query", "x"));
        h.clock.advance(Duration.ofHours(1).plusSeconds(1));

        ProblemException conflict = problem(() -> approvals.approve(WS, id, BOB, null));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.detail()).contains("expired");
        Approval expired = approvals.get(WS, id);
        assertThat(expired.status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(expired.history())
                .extracting(Approval.Transition::status)
                .containsExactly(ApprovalStatus.PENDING, ApprovalStatus.EXPIRED);
        assertThat(storedArguments(id)).isNull();
        assertThat(tool.calls).isEmpty();
    }

    @Test
    void fourEyesKeepsTheRequesterFromApprovingTheirOwnCall() throws Exception {
        h.policy.policy(WS, FakePolicy.policy(false, true, 20, List.of()));
        String id = request(Map.of("query", "x"));

        assertThat(problem(() -> approvals.approve(WS, id, ALICE, null)).status())
                .isEqualTo(403);
        assertThat(tool.calls).isEmpty();
        assertThat(approvals.get(WS, id).status()).isEqualTo(ApprovalStatus.PENDING);

        approvals.approve(WS, id, BOB, null);
        assertThat(tool.calls).hasSize(1);
    }

    @Test
    void fourEyesComparesMembersNotKeys() throws Exception {
        h.policy.policy(WS, FakePolicy.policy(false, true, 20, List.of()));
        String id = request(Map.of("query", "x"));
        io.portcullis.audit.Actor aliceSecondKey =
                new io.portcullis.audit.Actor(io.portcullis.audit.Actor.MEMBER, ALICE.id(), "key-a2");

        assertThat(problem(() -> approvals.approve(WS, id, aliceSecondKey, null))
                        .status())
                .isEqualTo(403);
        assertThat(tool.calls).isEmpty();
        assertThat(h.audit.events)
                .filteredOn(e -> e.action().equals("approval.approve"))
                .extracting(e -> e.decision().id(), e -> e.reasonCode())
                .containsExactly(tuple("denied", "four_eyes"));

        approvals.approve(WS, id, BOB, null);
        assertThat(tool.calls).hasSize(1);
    }

    @Test
    void aDemotedOrRemovedApproverIsRefusedBeforeAnythingIsRecordedAsAllowed() throws Exception {
        String id = request(Map.of("query", "x"));
        membership.set(BOB.id(), io.portcullis.tenancy.Role.VIEWER); // demoted since the route's check

        assertThat(problem(() -> approvals.approve(WS, id, BOB, null)).status()).isEqualTo(403);
        membership.set(BOB.id(), null); // removed
        assertThat(problem(() -> approvals.approve(WS, id, BOB, null)).status()).isEqualTo(403);

        assertThat(approvals.get(WS, id).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(tool.calls).isEmpty();
        assertThat(h.audit.events)
                .filteredOn(e -> e.action().equals("approval.approve"))
                .extracting(e -> e.decision().id())
                .containsExactly("denied", "denied");
    }

    @Test
    void anApprovalRacingADemotionIsRefusedInTheClaimingTransaction() throws Exception {
        String id = request(Map.of("query", "x"));
        // Operator when first asked, viewer by the time the claim reads the role again.
        membership.answers(BOB.id(), io.portcullis.tenancy.Role.OPERATOR, io.portcullis.tenancy.Role.VIEWER);

        assertThat(problem(() -> approvals.approve(WS, id, BOB, null)).status()).isEqualTo(403);

        assertThat(approvals.get(WS, id).status()).as("the claim rolled back").isEqualTo(ApprovalStatus.PENDING);
        assertThat(approvals.get(WS, id).history())
                .extracting(Approval.Transition::status)
                .containsExactly(ApprovalStatus.PENDING);
        assertThat(tool.calls).isEmpty();
        assertThat(h.audit.events)
                .filteredOn(e -> e.action().equals("approval.approve"))
                .extracting(e -> e.decision().id())
                .containsExactly("allowed", "denied");

        membership.set(BOB.id(), io.portcullis.tenancy.Role.OPERATOR);
        approvals.approve(WS, id, BOB, null);
        assertThat(tool.calls).hasSize(1);
    }

    @Test
    void theRequesterReadsTheRedactedResultOnceTheCallRan() throws Exception {
        String id = request(Map.of("query", "key " + FakeRedactor.SECRET));
        assertThat(approvals.get(WS, id).result()).isNull();

        approvals.approve(WS, id, BOB, null);

        String result = approvals.get(WS, id).result();
        assertThat(result).isNotNull().contains(FakeRedactor.MARK).doesNotContain(FakeRedactor.SECRET);
    }

    @Test
    void withoutFourEyesTheRequesterMayApprove() throws Exception {
        String id = request(Map.of("query", "x"));
        approvals.approve(WS, id, ALICE, null);
        assertThat(tool.calls).hasSize(1);
    }

    @Test
    void aDecisionThatCannotBeRecordedIsNotMade() throws Exception {
        String id = request(Map.of("query", "x"));
        h.audit.failing(true);
        assertThat(problem(() -> approvals.approve(WS, id, BOB, null)).status()).isEqualTo(503);
        assertThat(problem(() -> approvals.deny(WS, id, BOB, null)).status()).isEqualTo(503);
        h.audit.failing(false);
        assertThat(approvals.get(WS, id).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(tool.calls).isEmpty();
    }

    @Test
    void anotherWorkspaceSeesNothing() throws Exception {
        String id = request(Map.of("query", "x"));
        assertThat(problem(() -> approvals.get(OTHER_WS, id)).status()).isEqualTo(404);
        assertThat(problem(() -> approvals.approve(OTHER_WS, id, BOB, null)).status())
                .isEqualTo(404);
        assertThat(problem(() -> approvals.deny(OTHER_WS, id, BOB, null)).status())
                .isEqualTo(404);
        assertThat(approvals.list(OTHER_WS, new PageRequest(50, "")).items()).isEmpty();
        assertThat(approvals.get(WS, id).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(tool.calls).isEmpty();
    }

    @Test
    void theQueueListsPendingFirstAndPages() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(request(Map.of("query", "q" + i)));
        }
        approvals.deny(WS, ids.get(1), BOB, null);
        approvals.deny(WS, ids.get(3), BOB, null);

        List<Approval> seen = new ArrayList<>();
        String cursor = "";
        do {
            Page<Approval> page = approvals.list(WS, new PageRequest(2, cursor));
            seen.addAll(page.items());
            cursor = page.nextCursor();
            assertThat(cursor == null || ApprovalStore.CURSOR.matcher(cursor).matches())
                    .isTrue();
        } while (cursor != null);

        assertThat(seen)
                .extracting(Approval::id)
                .containsExactlyInAnyOrderElementsOf(ids)
                .doesNotHaveDuplicates();
        assertThat(seen.subList(0, 3)).allMatch(a -> a.status() == ApprovalStatus.PENDING);
        assertThat(seen.subList(3, 5)).allMatch(a -> a.status() == ApprovalStatus.DENIED);
    }

    @Test
    void deletingTheWorkspaceDeletesItsApprovals() throws Exception {
        String id = request(Map.of("query", "x"));
        approvals.deny(WS, id, BOB, null);
        request(Map.of("query", "y"));
        db.database.inWorkspace(WS, connection -> {
            ApprovalStore.deleteWorkspace(connection, WS);
            return null;
        });
        assertThat(approvals.list(WS, new PageRequest(50, "")).items()).isEmpty();
        assertThat(count("tools.approval_history")).isZero();
    }

    static final io.portcullis.tools.Taint TAINT =
            new io.portcullis.tools.Taint(true, List.of("customer"), List.of("query"), List.of("evil.example"));

    /** The listener calls seen: workspace, approval, run, status. */
    final List<String> decided = new java.util.concurrent.CopyOnWriteArrayList<>();

    String requestTainted(String runId, Map<String, Object> arguments) {
        ToolOutcome outcome = h.invoker.invoke(Harness.tainted("ticket.delete", arguments, runId, TAINT));
        assertThat(outcome).isInstanceOf(ToolOutcome.Pending.class);
        return ((ToolOutcome.Pending) outcome).approvalId();
    }

    String requestInRun(String runId) {
        ToolOutcome outcome = h.invoker.invoke(call("ticket.delete", Map.of("query", "x"), runId, null));
        assertThat(outcome).isInstanceOf(ToolOutcome.Pending.class);
        return ((ToolOutcome.Pending) outcome).approvalId();
    }

    void listen() {
        h.listeners.add((workspaceId, approvalId, runId, status) ->
                decided.add(workspaceId + " " + approvalId + " " + runId + " " + status));
    }

    @Test
    void aTaintedApprovalShowsItsReasonEvidenceAndBindingAndRunsWithTheEvidenceOnTheRecord() throws Exception {
        h.policy.policy(
                WS,
                FakePolicy.policy(
                        false,
                        false,
                        20,
                        List.of(new io.portcullis.policy.WorkspacePolicy.AutoApproval("ticket.delete", Map.of()))));
        String id = requestTainted("run-1", Map.of("query", "planted-value"));

        Approval approval = approvals.get(WS, id);
        assertThat(approval.reason()).isEqualTo("untrusted_context");
        assertThat(approval.argumentDigest())
                .isEqualTo(io.portcullis.tools.internal.invoke.Invoker.digest("{\"query\":\"planted-value\"}"));
        assertThat(approval.policyVersion())
                .isEqualTo(h.policy.workspacePolicy(WS).version());
        assertThat(approval.evidence())
                .isEqualTo(
                        "{\"hosts\":[\"evil.example\"],\"matched_arguments\":[\"query\"],\"sources\":[\"customer\"]}");
        String untainted = request(Map.of("query", "x"));
        assertThat(approvals.get(WS, untainted).reason()).isEqualTo("risk");
        assertThat(approvals.get(WS, untainted).evidence()).isNull();

        h.audit.take();
        assertThat(approvals.approve(WS, id, BOB, null).approval().status()).isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(tool.calls).containsExactly(Map.of("query", "planted-value"));
        assertThat(h.audit.events)
                .filteredOn(e -> e.action().equals("tool.invoke"))
                .singleElement()
                .satisfies(e -> assertThat(e.reasonText())
                        .contains("taint: untrusted; sources: [customer]; matched_arguments: [query];"
                                + " hosts: [evil.example]")
                        .doesNotContain("planted-value"));
    }

    @Test
    void aPolicyChangeVoidsAPendingApprovalWhileOneAskedUnderTheNewPolicyRuns() throws Exception {
        String id = request(Map.of("query", "x"));
        h.policy.policy(WS, FakePolicy.policy(false, false, 7, List.of()));

        Approvals.Decided voided = approvals.approve(WS, id, BOB, null);

        assertThat(voided.approval().status()).isEqualTo(ApprovalStatus.FAILED);
        assertThat(voided.approval().outcome()).isEqualTo("approval_void");
        assertThat(voided.outcome())
                .isInstanceOfSatisfying(
                        ToolOutcome.Refused.class, r -> assertThat(r.status()).isEqualTo(409));
        assertThat(tool.calls).isEmpty();

        String again = request(Map.of("query", "x"));
        assertThat(approvals.approve(WS, again, BOB, null).approval().status()).isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(tool.calls).hasSize(1);
    }

    @Test
    void tamperedStoredArgumentsVoidTheApprovalWhileAnUntouchedOneRuns() throws Exception {
        String tampered = request(Map.of("query", "refund 10"));
        String untouched = request(Map.of("query", "refund 10"));
        int changed = db.database.inWorkspace(
                WS,
                connection -> io.portcullis.store.Jdbc.update(
                        connection,
                        "UPDATE tools.approvals SET arguments = ? WHERE id = ?",
                        "{\"query\":\"refund 10000\"}",
                        tampered));
        assertThat(changed).isEqualTo(1);

        Approval voided = approvals.approve(WS, tampered, BOB, null).approval();
        assertThat(voided.status()).isEqualTo(ApprovalStatus.FAILED);
        assertThat(voided.outcome()).isEqualTo("approval_void");
        assertThat(tool.calls).isEmpty();

        assertThat(approvals.approve(WS, untouched, BOB, null).approval().status())
                .isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(tool.calls).containsExactly(Map.of("query", "refund 10"));
    }

    @Test
    void argumentsOfEveryJsonTypeRoundTripToTheSameDigest() throws Exception {
        h.add(new TestTool(
                new io.portcullis.spi.ToolDescriptor(
                        "ticket.bulk",
                        "1.0.0",
                        "Any arguments.",
                        "{\"type\":\"object\",\"properties\":{\"z\":{},\"a\":{},\"big\":{},\"none\":{},\"text\":{}}}",
                        Risk.DESTRUCTIVE),
                (arguments, context) -> io.portcullis.spi.ToolResult.text("ok")));
        Map<String, Object> arguments = new java.util.LinkedHashMap<>();
        arguments.put("z", 1.5);
        arguments.put("a", List.of(1, 2L, "three", true, Map.of("n", 12345678901234L)));
        arguments.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        arguments.put("none", null);
        arguments.put("text", "ünïcödé \u2028 \"quoted\"");
        ToolOutcome outcome = h.invoker.invoke(call("ticket.bulk", arguments));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(ToolOutcome.Pending.class);
        String id = ((ToolOutcome.Pending) outcome).approvalId();

        assertThat(approvals.approve(WS, id, BOB, null).approval().status()).isEqualTo(ApprovalStatus.EXECUTED);
    }

    @Test
    void theRunReadsAnApprovalsStateAndAPendingOnePastItsExpiryReadsAsExpired() throws Exception {
        String executed = requestInRun("run-1");
        String waiting = requestInRun("run-1");
        assertThat(h.invoker.approval(WS, executed)).hasValue(new io.portcullis.tools.ApprovalState("pending", null));

        approvals.approve(WS, executed, BOB, null);
        io.portcullis.tools.ApprovalState done =
                h.invoker.approval(WS, executed).orElseThrow();
        assertThat(done.status()).isEqualTo("executed");
        assertThat(done.settled()).isTrue();
        assertThat(done.result()).isNotNull();
        assertThat(done.result().path("status").asText()).isEqualTo("ok");
        assertThat(h.invoker.approval(OTHER_WS, executed)).isEmpty();
        assertThat(h.invoker.approval(WS, "0123456789abcdef01234567")).isEmpty();

        assertThat(h.invoker.approval(WS, waiting).orElseThrow().settled()).isFalse();
        h.clock.advance(Duration.ofHours(1)); // at its expiry exactly
        assertThat(h.invoker.approval(WS, waiting).orElseThrow().status()).isEqualTo("expired");
        Approval stored = approvals.get(WS, waiting);
        assertThat(stored.status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(stored.history())
                .extracting(Approval.Transition::status)
                .containsExactly(ApprovalStatus.PENDING, ApprovalStatus.EXPIRED);
        assertThat(storedArguments(waiting)).isNull();
        assertThat(problem(() -> approvals.approve(WS, waiting, BOB, null)).status())
                .isEqualTo(409);
        assertThat(tool.calls).hasSize(1);
    }

    @Test
    void expiringARunsApprovalsExpiresOnlyItsPendingOnesAndTellsTheListenersOnce() throws Exception {
        listen();
        String first = requestInRun("run-1");
        String second = requestInRun("run-1");
        String denied = requestInRun("run-1");
        String otherRun = requestInRun("run-2");
        String manual = request(Map.of("query", "x"));
        approvals.deny(WS, denied, BOB, null);
        decided.clear();

        assertThat(h.invoker.expireApprovals(OTHER_WS, "run-1")).isZero();
        assertThat(h.invoker.expireApprovals(WS, "run-1")).isEqualTo(2);

        assertThat(approvals.get(WS, first).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(approvals.get(WS, second).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(approvals.get(WS, first).history())
                .last()
                .satisfies(t -> assertThat(t.actorId()).isNull());
        assertThat(storedArguments(first)).isNull();
        assertThat(approvals.get(WS, denied).status()).isEqualTo(ApprovalStatus.DENIED);
        assertThat(approvals.get(WS, otherRun).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approvals.get(WS, manual).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(decided)
                .containsExactlyInAnyOrder(WS + " " + first + " run-1 expired", WS + " " + second + " run-1 expired");
        assertThat(problem(() -> approvals.approve(WS, first, BOB, null)).status())
                .isEqualTo(409);
        assertThat(h.invoker.expireApprovals(WS, "run-1"))
                .as("nothing left to expire")
                .isZero();
        assertThat(decided).hasSize(2);

        // The other run's approval still runs.
        approvals.approve(WS, otherRun, BOB, null);
        assertThat(tool.calls).hasSize(1);
    }

    @Test
    void listenersAreToldOncePerDecisionAndOneThatThrowsIsIgnored() throws Exception {
        h.listeners.add((workspaceId, approvalId, runId, status) -> {
            throw new IllegalStateException("a broken listener");
        });
        listen();
        String executed = requestInRun("run-1");
        String failed = requestInRun("run-1");
        String denied = requestInRun("run-2");

        approvals.approve(WS, executed, BOB, null);
        h.pluginActive = false;
        approvals.approve(WS, failed, BOB, null);
        h.pluginActive = true;
        approvals.deny(WS, denied, BOB, null);
        assertThat(problem(() -> approvals.deny(WS, denied, BOB, null)).status())
                .isEqualTo(409);
        assertThat(problem(() -> approvals.approve(WS, executed, BOB, null)).status())
                .isEqualTo(409);

        assertThat(decided)
                .containsExactly(
                        WS + " " + executed + " run-1 executed",
                        WS + " " + failed + " run-1 failed",
                        WS + " " + denied + " run-2 denied");
        assertThat(approvals.get(WS, executed).status()).isEqualTo(ApprovalStatus.EXECUTED);
    }

    String storedArguments(String id) throws Exception {
        return db.database
                .inWorkspace(
                        WS,
                        connection -> io.portcullis.store.Jdbc.list(
                                connection,
                                rows -> rows.getString(1),
                                "SELECT arguments FROM tools.approvals WHERE id = ?",
                                id))
                .get(0);
    }

    long count(String table) throws Exception {
        try (var connection = db.admin.getConnection();
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static ProblemException problem(ThrowingCallable call) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, call);
        assertThat(problem).as("a problem").isNotNull();
        return problem;
    }
}
