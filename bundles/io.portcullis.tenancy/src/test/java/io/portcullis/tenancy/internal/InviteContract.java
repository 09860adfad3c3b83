package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tenancy.Role;
import io.portcullis.web.Caller;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invites, the same on every engine: role ceiling, expiry, single use, isolation between workspaces. */
abstract class InviteContract {

    static final Duration DAY = Duration.ofHours(24);
    private static final int ROUNDS = 10;

    private final Engine engine;
    private TestDatabase db;
    private TestClock clock;
    private WorkspaceStore workspaces;
    private MemberStore members;
    private InviteStore invites;
    private InviteAcceptance acceptance;
    private KeyAuthenticator authenticator;
    private WorkspaceStore.Created a;
    private WorkspaceStore.Created b;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    InviteContract(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.of(engine, "tenancy");
        clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        workspaces = new WorkspaceStore(db.database, clock);
        members = new MemberStore(db.database, clock);
        invites = new InviteStore(db.database, clock);
        acceptance = new InviteAcceptance(db.database, clock);
        authenticator = new KeyAuthenticator(
                new KeyLookup(db.database),
                AdminKey.of(ApiKeyToken.generate(Ids.next())),
                KeyAuthenticator.lastUsed(db.database, clock),
                clock);
        a = workspaces.create("A", "Alice");
        b = workspaces.create("B", "Bob");
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        authenticator.close();
    }

    @Test
    void acceptingMakesAMemberOfTheInvitesWorkspaceWithItsRoleAndAWorkingKey() throws Exception {
        StoredInvite.Created invite = invite(a, Role.ADMIN, "Olga", Role.OPERATOR, DAY);

        InviteAcceptance.Accepted accepted = acceptance.accept(invite.token().value());

        assertThat(accepted.workspaceId()).isEqualTo(ws(a));
        assertThat(accepted.member().role()).isEqualTo(Role.OPERATOR);
        assertThat(accepted.member().name()).isEqualTo("Olga");
        assertThat(accepted.key().key().memberId()).isEqualTo(accepted.member().id());
        assertThat(memberNames(a)).containsExactlyInAnyOrder("Alice", "Olga");
        assertThat(memberNames(b)).containsExactly("Bob");
        Caller olga = authenticator.authenticate(accepted.key().token().value()).orElseThrow();
        assertThat(olga.workspaceId()).contains(ws(a));
        assertThat(olga.rateClass()).isEqualTo("operator");
        assertThat(olga.isPermitted("workspace:" + ws(a) + ":invites:write")).isFalse();
        assertThat(olga.isPermitted("workspace:" + ws(b) + ":members:read")).isFalse();
        assertThat(invites.pending(ws(a), page()).items()).isEmpty();
    }

    @Test
    void anInviteIsSingleUse() throws Exception {
        StoredInvite.Created invite = invite(a, Role.OWNER, "Olga", Role.VIEWER, DAY);
        acceptance.accept(invite.token().value());

        assertInvalid(() -> acceptance.accept(invite.token().value()));

        assertThat(memberNames(a)).containsExactlyInAnyOrder("Alice", "Olga");
    }

    @Test
    void anInviteExpires() throws Exception {
        StoredInvite.Created early = invite(a, Role.OWNER, "Early", Role.VIEWER, Duration.ofHours(1));
        StoredInvite.Created late = invite(a, Role.OWNER, "Late", Role.VIEWER, Duration.ofHours(1));
        assertThat(early.invite().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(1).minusSeconds(1));
        acceptance.accept(early.token().value());
        assertThat(invites.pending(ws(a), page()).items())
                .extracting(StoredInvite::name)
                .containsExactly("Late");
        clock.advance(Duration.ofSeconds(1));

        assertInvalid(() -> acceptance.accept(late.token().value()));
        assertThat(invites.pending(ws(a), page()).items()).isEmpty();
        assertThat(memberNames(a)).containsExactlyInAnyOrder("Alice", "Early");
    }

    @Test
    void ofTwoConcurrentAcceptancesExactlyOneWins() throws Exception {
        ClaimRace race = new ClaimRace(db.database, "UPDATE tenancy.invites");
        InviteAcceptance racing = new InviteAcceptance(race, clock);
        for (int round = 0; round < ROUNDS; round++) {
            StoredInvite.Created invite = invite(a, Role.OWNER, "Racer " + round, Role.OPERATOR, DAY);
            CyclicBarrier start = new CyclicBarrier(2);
            race.reset();

            Future<Boolean> first = threads.submit(() -> attempt(racing, start, invite.token()));
            Future<Boolean> second = threads.submit(() -> attempt(racing, start, invite.token()));
            List<Boolean> outcomes =
                    new ArrayList<>(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)));

            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(true, false);
            assertThat(memberNames(a))
                    .as("round %d", round)
                    .filteredOn(("Racer " + round)::equals)
                    .hasSize(1);
        }
    }

    @Test
    void nobodyInvitesAboveTheirOwnRole() throws Exception {
        assertStatus(403, () -> invite(a, Role.ADMIN, "X", Role.OWNER, DAY));
        assertStatus(403, () -> invite(a, Role.OPERATOR, "X", Role.ADMIN, DAY));
        assertStatus(403, () -> invite(a, Role.VIEWER, "X", Role.OPERATOR, DAY));
        assertThat(invites.pending(ws(a), page()).items()).isEmpty();

        assertThat(invite(a, Role.ADMIN, "Adam", Role.ADMIN, DAY).invite().role())
                .isEqualTo(Role.ADMIN);
        StoredInvite.Created owner = invite(a, Role.OWNER, "Olivia", Role.OWNER, DAY);
        assertStatus(403, () -> invites.withdraw(ws(a), owner.invite().id(), Role.ADMIN));
        assertThat(acceptance.accept(owner.token().value()).member().role()).isEqualTo(Role.OWNER);
    }

    @Test
    void roleRulesStillHoldForInvitedMembers() throws Exception {
        InviteAcceptance.Accepted olivia = acceptance.accept(
                invite(a, Role.OWNER, "Olivia", Role.OWNER, DAY).token().value());

        members.changeRole(ws(a), a.owner().id(), Role.ADMIN, Role.OWNER); // two owners: one may step down

        assertStatus(409, () -> members.changeRole(ws(a), olivia.member().id(), Role.ADMIN, Role.OWNER));
        assertStatus(409, () -> members.remove(ws(a), olivia.member().id(), Role.OWNER));
        assertStatus(403, () -> members.remove(ws(a), olivia.member().id(), Role.ADMIN));
    }

    @Test
    void invitesOfAnotherWorkspaceAreNotFound() throws Exception {
        StoredInvite.Created ofB = invite(b, Role.OWNER, "Bea", Role.ADMIN, DAY);
        invite(a, Role.OWNER, "Ann", Role.VIEWER, DAY);

        assertStatus(404, () -> invites.withdraw(ws(a), ofB.invite().id(), Role.OWNER));
        assertThat(invites.pending(ws(a), page()).items())
                .extracting(StoredInvite::name)
                .containsExactly("Ann");
        assertThat(invites.pending(ws(b), page()).items())
                .extracting(StoredInvite::id)
                .containsExactly(ofB.invite().id());

        InviteAcceptance.Accepted bea = acceptance.accept(ofB.token().value()); // untouched, still works
        assertThat(bea.workspaceId()).isEqualTo(ws(b));
        assertThat(memberNames(b)).containsExactlyInAnyOrder("Bob", "Bea");
        assertThat(memberNames(a)).containsExactly("Alice");
    }

    @Test
    void everyBadTokenGetsTheSameAnswer() throws Exception {
        StoredInvite.Created used = invite(a, Role.OWNER, "U", Role.VIEWER, DAY);
        acceptance.accept(used.token().value());
        StoredInvite.Created withdrawn = invite(a, Role.OWNER, "W", Role.VIEWER, DAY);
        invites.withdraw(ws(a), withdrawn.invite().id(), Role.OWNER);
        StoredInvite.Created expired = invite(a, Role.OWNER, "E", Role.VIEWER, Duration.ofHours(1));
        StoredInvite.Created live = invite(a, Role.OWNER, "L", Role.VIEWER, DAY);
        clock.advance(Duration.ofHours(1));

        List<String> bad = List.of(
                used.token().value(),
                withdrawn.token().value(),
                expired.token().value(),
                new InviteToken(live.invite().id(), Ids.hex(32)).value(), // right id, wrong secret
                InviteToken.generate(Ids.next()).value(), // unknown id
                live.token().value().toUpperCase(),
                live.token().value() + "0",
                "pk_" + live.token().value().substring(3), // the invite as an API key
                a.key().token().value(), // an API key as an invite
                "",
                "' OR 1=1 --");
        for (String token : bad) {
            ProblemException problem = catchProblem(() -> acceptance.accept(token));
            assertThat(problem.status()).as(token).isEqualTo(400);
            assertThat(problem.title()).isEqualTo(InviteAcceptance.invalid().title());
            assertThat(problem.detail()).isEqualTo(InviteAcceptance.invalid().detail());
            if (!token.isEmpty()) {
                assertThat(problem.detail()).doesNotContain(token);
            }
        }
        assertInvalid(() -> acceptance.accept(null));
        assertThat(memberNames(a)).containsExactlyInAnyOrder("Alice", "U");
        assertThat(acceptance.accept(live.token().value()).member().name()).isEqualTo("L"); // the real one still works
    }

    @Test
    void aWithdrawnInviteIsGoneAndAnAcceptedOneCannotBeWithdrawn() throws Exception {
        StoredInvite.Created withdrawn = invite(a, Role.OWNER, "W", Role.VIEWER, DAY);
        StoredInvite.Created accepted = invite(a, Role.OWNER, "A", Role.VIEWER, DAY);
        acceptance.accept(accepted.token().value());

        invites.withdraw(ws(a), withdrawn.invite().id(), Role.ADMIN);

        assertInvalid(() -> acceptance.accept(withdrawn.token().value()));
        assertStatus(404, () -> invites.withdraw(ws(a), withdrawn.invite().id(), Role.OWNER));
        assertStatus(404, () -> invites.withdraw(ws(a), accepted.invite().id(), Role.OWNER));
        assertThat(memberNames(a)).containsExactlyInAnyOrder("Alice", "A");
    }

    @Test
    void deletingAWorkspaceVoidsItsInvites() throws Exception {
        StoredInvite.Created ofA = invite(a, Role.OWNER, "Ann", Role.ADMIN, DAY);

        workspaces.delete(ws(a));

        assertInvalid(() -> acceptance.accept(ofA.token().value()));
        assertThat(invites.pending(ws(a), page()).items()).isEmpty();
    }

    private StoredInvite.Created invite(
            WorkspaceStore.Created ws, Role caller, String name, Role role, Duration lifetime) throws Exception {
        return invites.create(ws(ws), caller, ws.key().key().id(), new InviteStore.Spec(name, role, lifetime));
    }

    private static boolean attempt(InviteAcceptance racing, CyclicBarrier start, InviteToken token) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            racing.accept(token.value());
            return true;
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return false;
        }
    }

    private List<String> memberNames(WorkspaceStore.Created ws) throws Exception {
        return members.list(ws(ws), page()).items().stream()
                .map(Records.Member::name)
                .toList();
    }

    private static PageRequest page() {
        return new PageRequest(200, "");
    }

    private static String ws(WorkspaceStore.Created created) {
        return created.workspace().id();
    }

    static void assertInvalid(ThrowingCallable call) {
        ProblemException problem = catchProblem(call);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo(InviteAcceptance.invalid().detail());
    }

    static void assertStatus(int status, ThrowingCallable call) {
        assertThat(catchProblem(call).status()).isEqualTo(status);
    }

    static ProblemException catchProblem(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(ProblemException.class);
        return (ProblemException) thrown;
    }
}
