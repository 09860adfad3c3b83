package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tenancy.Role;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two concurrent requests removing the last two owners leave one owner, on every engine. */
abstract class LastOwnerContract {

    private static final int ROUNDS = 15;

    private final Engine engine;
    private TestDatabase db;
    private WorkspaceStore workspaces;
    private MemberStore members;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    LastOwnerContract(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.of(engine, "tenancy");
        workspaces = new WorkspaceStore(db.database, Clock.systemUTC());
        members = new MemberStore(db.database, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
    }

    interface Change {
        void apply(String workspaceId, String memberId) throws SQLException;
    }

    @Test
    void twoConcurrentDemotionsLeaveOneOwner() throws Exception {
        race(
                (ws, member) -> members.changeRole(ws, member, Role.ADMIN, Role.OWNER),
                (ws, member) -> members.changeRole(ws, member, Role.VIEWER, Role.OWNER));
    }

    @Test
    void twoConcurrentRemovalsLeaveOneOwner() throws Exception {
        race(
                (ws, member) -> members.remove(ws, member, Role.OWNER),
                (ws, member) -> members.remove(ws, member, Role.OWNER));
    }

    @Test
    void aConcurrentRemovalAndDemotionLeaveOneOwner() throws Exception {
        race(
                (ws, member) -> members.remove(ws, member, Role.OWNER),
                (ws, member) -> members.changeRole(ws, member, Role.ADMIN, Role.OWNER));
    }

    @Test
    void theOnlyOwnerCannotBeDemotedButAnotherOwnerCanBePromotedAndDemoted() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        String id = ws.workspace().id();

        TenancyContract.assertNotFound(() -> members.changeRole(id, Ids.next(), Role.ADMIN, Role.OWNER));
        assertConflict(() -> members.changeRole(id, ws.owner().id(), Role.ADMIN, Role.OWNER));
        assertConflict(() -> members.remove(id, ws.owner().id(), Role.OWNER));
        Records.Member bob = members.add(id, "Bob", Role.ADMIN);
        members.changeRole(id, bob.id(), Role.OWNER, Role.OWNER);
        members.changeRole(id, ws.owner().id(), Role.ADMIN, Role.OWNER);

        assertThat(owners(id)).isEqualTo(1);
    }

    private void race(Change first, Change second) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            WorkspaceStore.Created ws = workspaces.create("Acme " + round, "Alice");
            String id = ws.workspace().id();
            Records.Member bob = members.add(id, "Bob", Role.OWNER);
            CyclicBarrier start = new CyclicBarrier(2);

            Future<Boolean> a = threads.submit(
                    () -> attempt(start, () -> first.apply(id, ws.owner().id())));
            Future<Boolean> b = threads.submit(() -> attempt(start, () -> second.apply(id, bob.id())));
            List<Boolean> outcomes = new ArrayList<>(List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS)));

            assertThat(outcomes)
                    .as("round %d: one change succeeds, one is refused", round)
                    .containsExactlyInAnyOrder(true, false);
            assertThat(owners(id)).as("round %d", round).isEqualTo(1);
        }
    }

    interface Attempt {
        void run() throws Exception;
    }

    /** True if the change went through, false if it was refused as removing the last owner. */
    private static boolean attempt(CyclicBarrier start, Attempt change) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            change.run();
            return true;
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(409);
            return false;
        }
    }

    private long owners(String workspaceId) throws SQLException {
        return members.list(workspaceId, new PageRequest(50, "")).items().stream()
                .filter(m -> m.role() == Role.OWNER)
                .count();
    }

    private static void assertConflict(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call)
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(409));
    }
}
