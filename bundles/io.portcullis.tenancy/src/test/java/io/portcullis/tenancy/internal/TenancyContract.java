package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tenancy.Role;
import io.portcullis.tenancy.WorkspaceCleanup;
import io.portcullis.web.Caller;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication and key rules, the same on every engine. */
abstract class TenancyContract {

    static final Duration GRACE = Duration.ofHours(24);

    final Engine engine;
    TestDatabase db;
    TestClock clock;
    WorkspaceStore workspaces;
    MemberStore members;
    ApiKeyStore keys;
    KeyAuthenticator authenticator;
    ApiKeyToken adminToken;

    TenancyContract(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.of(engine, "tenancy");
        clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        workspaces = new WorkspaceStore(db.database, clock);
        members = new MemberStore(db.database, clock);
        keys = new ApiKeyStore(db.database, clock);
        adminToken = ApiKeyToken.generate(Ids.next());
        authenticator = new KeyAuthenticator(
                new KeyLookup(db.database),
                AdminKey.of(adminToken),
                KeyAuthenticator.lastUsed(db.database, clock),
                clock);
    }

    @AfterEach
    void close() {
        authenticator.close();
    }

    Optional<Caller> authenticate(ApiKeyToken token) {
        return authenticator.authenticate(token.value());
    }

    Records.NewKey newKey(WorkspaceStore.Created ws, Role role, Instant expiresAt) throws Exception {
        return keys.create(ws.workspace().id(), owner(ws), new ApiKeyStore.Spec("k", role, expiresAt, null));
    }

    static ApiKeyStore.Maker owner(WorkspaceStore.Created ws) {
        return new ApiKeyStore.Maker(Role.OWNER, ws.owner().id());
    }

    @Test
    void anOwnerKeyAuthenticatesWithItsWorkspaceAndRole() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");

        Caller caller = authenticate(ws.key().token()).orElseThrow();

        String id = ws.workspace().id();
        assertThat(caller.id()).isEqualTo(ws.key().key().id());
        assertThat(caller.workspaceId()).contains(id);
        assertThat(caller.rateClass()).isEqualTo("owner");
        assertThat(caller.isPermitted("workspace:" + id + ":members:write")).isTrue();
        assertThat(caller.isPermitted("workspace:" + Ids.next() + ":members:read"))
                .isFalse();
        assertThat(caller.isPermitted("platform:workspaces:read")).isFalse();
    }

    @Test
    void thePlatformKeyAuthenticatesAsPlatformAdmin() {
        Caller caller = authenticate(adminToken).orElseThrow();

        assertThat(caller.workspaceId()).isEmpty();
        assertThat(caller.rateClass()).isEqualTo("platform");
        assertThat(caller.isPermitted("platform:workspaces:write")).isTrue();
        assertThat(caller.isPermitted("workspace:" + Ids.next() + ":members:read"))
                .isFalse();
        assertThat(authenticator.authenticate("pk_" + adminToken.id() + "_" + Ids.hex(32)))
                .isEmpty();
    }

    @Test
    void wrongUnknownAndMalformedKeysAreRefused() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        ApiKeyToken real = ws.key().token();

        assertThat(authenticate(new ApiKeyToken(real.id(), Ids.hex(32)))).isEmpty();
        assertThat(authenticate(ApiKeyToken.generate(Ids.next()))).isEmpty();
        assertThat(authenticator.authenticate(real.value() + "0")).isEmpty();
        assertThat(authenticator.authenticate(real.value().toUpperCase())).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
        assertThat(authenticator.authenticate("' OR 1=1 --")).isEmpty();
    }

    @Test
    void revocationIsEffectiveOnTheNextRequest() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        Records.NewKey key = newKey(ws, Role.VIEWER, null);
        assertThat(authenticate(key.token())).isPresent();

        keys.revoke(ws.workspace().id(), key.key().id(), Role.OWNER);

        assertThat(authenticate(key.token())).isEmpty();
        assertThat(authenticate(ws.key().token())).isPresent();
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        Records.NewKey key = newKey(ws, Role.VIEWER, clock.instant().plus(Duration.ofHours(1)));
        assertThat(authenticate(key.token())).isPresent();

        clock.advance(Duration.ofHours(1));

        assertThat(authenticate(key.token())).isEmpty();
        assertThatThrownBy(() -> newKey(ws, Role.VIEWER, clock.instant())).isInstanceOf(ProblemException.class);
    }

    @Test
    void aRotatedKeyWorksUntilTheGracePeriodEnds() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        String id = ws.workspace().id();
        Records.NewKey old = newKey(ws, Role.ADMIN, null);

        Records.NewKey rotated = keys.rotate(id, old.key().id(), Role.OWNER, GRACE);

        assertThat(rotated.key().role()).isEqualTo(Role.ADMIN);
        assertThat(rotated.key().name()).isEqualTo(old.key().name());
        assertThat(authenticate(old.token())).isPresent();
        assertThat(authenticate(rotated.token())).isPresent();
        assertThatThrownBy(() -> keys.rotate(id, old.key().id(), Role.OWNER, GRACE))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(409));

        clock.advance(GRACE.minusSeconds(1));
        assertThat(authenticate(old.token())).isPresent();
        clock.advance(Duration.ofSeconds(1));

        assertThat(authenticate(old.token())).isEmpty();
        assertThat(authenticate(rotated.token())).isPresent();
    }

    @Test
    void aKeyCannotBeAboveItsCreatorOrItsMember() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        String id = ws.workspace().id();
        Records.Member viewer = members.add(id, "Vic", Role.VIEWER);

        assertThatThrownBy(() -> keys.create(
                        id,
                        new ApiKeyStore.Maker(Role.ADMIN, ws.owner().id()),
                        new ApiKeyStore.Spec("k", Role.OWNER, null, null)))
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> keys.create(id, owner(ws), new ApiKeyStore.Spec("k", Role.ADMIN, null, viewer.id())))
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
        Records.NewKey own = keys.create(id, owner(ws), new ApiKeyStore.Spec("k", Role.ADMIN, null, null));
        assertThat(own.key().role()).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> keys.revoke(id, ws.key().key().id(), Role.ADMIN))
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(403));
    }

    @Test
    void aMemberKeyNeverOutranksItsMemberNorOutlivesIt() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        String id = ws.workspace().id();
        Records.Member bob = members.add(id, "Bob", Role.ADMIN);
        Records.NewKey key = keys.create(id, owner(ws), new ApiKeyStore.Spec("bob", Role.ADMIN, null, bob.id()));
        assertThat(authenticate(key.token()).orElseThrow().rateClass()).isEqualTo("admin");

        members.changeRole(id, bob.id(), Role.VIEWER, Role.OWNER);
        Caller demoted = authenticate(key.token()).orElseThrow();

        assertThat(demoted.rateClass()).isEqualTo("viewer");
        assertThat(demoted.isPermitted("workspace:" + id + ":api-keys:write")).isFalse();

        members.remove(id, bob.id(), Role.OWNER);

        assertThat(authenticate(key.token())).isEmpty();
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        String id = ws.workspace().id();
        Instant first = clock.instant();

        authenticate(ws.key().token());
        clock.advance(Duration.ofSeconds(30));
        authenticate(ws.key().token());
        assertThat(keys.find(id, ws.key().key().id()).orElseThrow().key().lastUsedAt())
                .isEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        authenticate(ws.key().token());

        assertThat(keys.find(id, ws.key().key().id()).orElseThrow().key().lastUsedAt())
                .isEqualTo(clock.instant());
    }

    @Test
    void idsOfAnotherWorkspaceAreNotFound() throws Exception {
        WorkspaceStore.Created a = workspaces.create("A", "Alice");
        WorkspaceStore.Created b = workspaces.create("B", "Bob");
        String bId = b.workspace().id();
        String aMember = a.owner().id();
        String aKey = a.key().key().id();

        assertNotFound(() -> members.changeRole(bId, aMember, Role.VIEWER, Role.OWNER));
        assertNotFound(() -> members.remove(bId, aMember, Role.OWNER));
        assertNotFound(() -> keys.revoke(bId, aKey, Role.OWNER));
        assertNotFound(() -> keys.rotate(bId, aKey, Role.OWNER, GRACE));
        assertNotFound(() -> keys.create(bId, owner(b), new ApiKeyStore.Spec("k", Role.VIEWER, null, aMember)));
        assertThat(keys.find(bId, aKey)).isEmpty();
        assertThat(members.list(bId, new PageRequest(50, "")).items())
                .extracting(Records.Member::id)
                .containsExactly(b.owner().id());
        assertThat(keys.list(bId, new PageRequest(50, "")).items())
                .extracting(listed -> listed.key().id())
                .containsExactly(b.key().key().id());
        assertThat(authenticate(a.key().token())).isPresent(); // A's key untouched
    }

    @Test
    void deletingAWorkspaceRemovesItsMembersAndKeys() throws Exception {
        WorkspaceStore.Created a = workspaces.create("A", "Alice");
        WorkspaceStore.Created b = workspaces.create("B", "Bob");

        assertThat(workspaces.delete(a.workspace().id())).isTrue();

        assertThat(authenticate(a.key().token())).isEmpty();
        assertThat(workspaces.find(a.workspace().id())).isEmpty();
        assertThat(members.list(a.workspace().id(), new PageRequest(50, "")).items())
                .isEmpty();
        assertThat(authenticate(b.key().token())).isPresent();
        assertThat(workspaces.delete(a.workspace().id())).isFalse();
    }

    @Test
    void workspaceCleanupsRunInTheDeletingTransactionAndCanAbortIt() throws Exception {
        List<String> cleaned = new ArrayList<>();
        List<WorkspaceCleanup> cleanups = new ArrayList<>();
        WorkspaceStore withCleanups = new WorkspaceStore(db.database, clock, () -> cleanups);
        WorkspaceStore.Created a = withCleanups.create("A", "Alice");
        WorkspaceStore.Created b = withCleanups.create("B", "Bob");
        cleanups.add((connection, workspaceId) -> {
            throw new java.sql.SQLException("vault unavailable");
        });

        assertThatThrownBy(() -> withCleanups.delete(a.workspace().id())).hasMessageContaining("vault unavailable");
        assertThat(withCleanups.find(a.workspace().id())).isPresent(); // rolled back as a whole
        assertThat(authenticate(a.key().token())).isPresent();

        cleanups.clear();
        cleanups.add((connection, workspaceId) -> cleaned.add(workspaceId));
        assertThat(withCleanups.delete(a.workspace().id())).isTrue();
        assertThat(withCleanups.delete(a.workspace().id())).isFalse(); // nothing left to clean
        assertThat(cleaned).containsExactly(a.workspace().id());
        assertThat(withCleanups.find(a.workspace().id())).isEmpty();
        assertThat(withCleanups.find(b.workspace().id())).isPresent();
    }

    @Test
    void pagesThroughWorkspacesWithACursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            workspaces.create("W" + i, "Owner");
        }

        Page<Records.Workspace> first = workspaces.list(new PageRequest(2, ""));
        Page<Records.Workspace> second = workspaces.list(new PageRequest(2, first.nextCursor()));
        Page<Records.Workspace> last = workspaces.list(new PageRequest(2, second.nextCursor()));

        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(2);
        assertThat(last.items()).hasSize(1);
        assertThat(last.nextCursor()).isNull();
        assertThat(first.items().get(1).id()).isLessThan(second.items().get(0).id());
    }

    @Test
    void nobodyGrantsOrTouchesARoleAboveTheirOwn() throws Exception {
        WorkspaceStore.Created ws = workspaces.create("Acme", "Alice");
        String id = ws.workspace().id();
        Records.Member op = members.add(id, "Olga", Role.OPERATOR);

        assertThatThrownBy(() -> members.changeRole(id, op.id(), Role.OWNER, Role.ADMIN))
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> members.changeRole(id, ws.owner().id(), Role.VIEWER, Role.ADMIN))
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(403));
        assertThat(members.changeRole(id, op.id(), Role.ADMIN, Role.ADMIN).role())
                .isEqualTo(Role.ADMIN);
    }

    static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(404));
    }
}
