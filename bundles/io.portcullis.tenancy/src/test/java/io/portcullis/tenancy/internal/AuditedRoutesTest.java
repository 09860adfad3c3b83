package io.portcullis.tenancy.internal;

import static io.portcullis.tenancy.internal.SubjectContract.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.Role;
import io.portcullis.web.Caller;
import io.portcullis.web.testing.FakeRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each tenancy change is on the record exactly once, before it happens, by the right actor, without secrets. */
class AuditedRoutesTest extends AuditFixture {

    @Test
    void workspaceChangesGoOnThePlatformChainNamingTheWorkspace() throws Exception {
        JsonNode created = json(workspaceRoutes.create(
                FakeRequest.of(platform, Map.of()).withBody("{\"name\":\"C\",\"owner\":{\"name\":\"Carol\"}}")));
        String id = created.get("workspace").get("id").asText();
        AuditEvent create = one();
        workspaceRoutes.rename(FakeRequest.of(platform, Map.of("ws", id)).withBody("{\"name\":\"C2\"}"));
        AuditEvent rename = one();
        workspaceRoutes.delete(FakeRequest.of(platform, Map.of("ws", id)));
        AuditEvent delete = one();

        Actor admin = new Actor(Actor.PLATFORM, adminToken.id(), adminToken.id());
        assertEvent(create, null, admin, "workspace.create", "workspace:" + id, Decision.ALLOWED);
        assertEvent(rename, null, admin, "workspace.rename", "workspace:" + id, Decision.ALLOWED);
        assertEvent(delete, null, admin, "workspace.delete", "workspace:" + id, Decision.ALLOWED);
        assertThat(create.arguments()).isEqualTo("{\"name\":\"C\",\"owner_name\":\"Carol\"}");
        assertThat(rename.arguments()).isEqualTo("{\"name\":\"C2\"}");
        String ownerKey = created.get("api_key").get("key").asText();
        assertThat(RecordingAuditLog.allFields(List.of(create, rename, delete)))
                .doesNotContain(ownerKey)
                .doesNotContain(ApiKeyToken.parse(ownerKey).orElseThrow().secret());
    }

    @Test
    void keyChangesNameTheKeyNeverItsSecret() throws Exception {
        Actor owner = new Actor(Actor.MEMBER, a.owner().id(), a.key().key().id());
        audit.before(event ->
                assertThat(keyRows()).as("nothing done before the record").isEqualTo(2));

        JsonNode created = json(keyRoutes.create(in(ownerA).withBody("{\"name\":\"ci\",\"role\":\"operator\"}")));
        AuditEvent create = one();
        String id = created.get("id").asText();
        audit.before(event -> {});
        JsonNode rotated = json(keyRoutes.rotate(on(ownerA, id)));
        AuditEvent rotate = one();
        keyRoutes.revoke(on(ownerA, rotated.get("id").asText()));
        AuditEvent revoke = one();

        assertEvent(create, ws(), owner, "api_key.create", "api_key:" + id, Decision.ALLOWED);
        assertEvent(rotate, ws(), owner, "api_key.rotate", "api_key:" + id, Decision.ALLOWED);
        assertEvent(
                revoke,
                ws(),
                owner,
                "api_key.revoke",
                "api_key:" + rotated.get("id").asText(),
                Decision.ALLOWED);
        assertThat(create.arguments()).isEqualTo("{\"name\":\"ci\",\"role\":\"operator\"}");
        String all = RecordingAuditLog.allFields(List.of(create, rotate, revoke));
        for (JsonNode key : new JsonNode[] {created, rotated}) {
            String secret =
                    ApiKeyToken.parse(key.get("key").asText()).orElseThrow().secret();
            assertThat(all).doesNotContain(secret).doesNotContain(SecretHash.hex(SecretHash.of(secret)));
        }
    }

    @Test
    void memberChangesNameTheMemberAndTheNewRole() throws Exception {
        Actor admin = new Actor(Actor.MEMBER, a.owner().id(), adminKey.key().id());
        audit.before(event -> assertThat(roleOf(viewer.id()))
                .as("nothing done before the record")
                .isEqualTo("viewer"));

        memberRoutes.changeRole(on(adminA, viewer.id()).withBody("{\"role\":\"operator\"}"));
        AuditEvent change = one();
        audit.before(event -> {});
        subjectRoutes.set(on(adminA, viewer.id()).withBody("{\"subject\":\"vic@idp\"}"));
        AuditEvent bind = one();
        subjectRoutes.clear(on(adminA, viewer.id()));
        AuditEvent unbind = one();
        memberRoutes.remove(on(adminA, viewer.id()));
        AuditEvent remove = one();

        String target = "member:" + viewer.id();
        assertEvent(change, ws(), admin, "member.role_change", target, Decision.ALLOWED);
        assertThat(change.arguments()).isEqualTo("{\"role\":\"operator\"}");
        assertEvent(bind, ws(), admin, "member.subject_bind", target, Decision.ALLOWED);
        assertEvent(unbind, ws(), admin, "member.subject_unbind", target, Decision.ALLOWED);
        assertEvent(remove, ws(), admin, "member.remove", target, Decision.ALLOWED);
        assertThat(roleOf(viewer.id())).isNull();
    }

    @Test
    void aMemberSignedInWithAJwtIsNamedAsTheMember() throws Exception {
        Caller alice = new JwtCaller(a.owner());

        memberRoutes.changeRole(on(alice, viewer.id()).withBody("{\"role\":\"admin\"}"));

        assertEvent(
                one(),
                ws(),
                new Actor(Actor.MEMBER, a.owner().id(), null),
                "member.role_change",
                "member:" + viewer.id(),
                Decision.ALLOWED);
    }

    @Test
    void invitesAreRecordedByIdAndTheAcceptanceOnTheInvitesWorkspaceByAnAnonymousActor() throws Exception {
        JsonNode created = json(inviteRoutes.create(in(adminA).withBody("{\"name\":\"Olga\",\"role\":\"viewer\"}")));
        AuditEvent create = one();
        String token = created.get("token").asText();
        String id = created.get("id").asText();
        audit.before(event ->
                assertThat(memberCount()).as("nothing done before the record").isEqualTo(2));
        JsonNode accepted =
                json(inviteRoutes.accept(new FakeRequest(ownerA, Map.of(), Map.of(), "{\"token\":\"" + token + "\"}")));
        AuditEvent accept = one();
        audit.before(event -> {});
        String other = json(inviteRoutes.create(in(adminA).withBody("{\"name\":\"Pia\",\"role\":\"viewer\"}")))
                .get("id")
                .asText();
        audit.take();
        inviteRoutes.withdraw(on(adminA, other));
        AuditEvent revoke = one();

        Actor admin = new Actor(Actor.MEMBER, a.owner().id(), adminKey.key().id());
        assertEvent(create, ws(), admin, "invite.create", "invite:" + id, Decision.ALLOWED);
        assertThat(create.arguments()).isEqualTo("{\"expires_in_hours\":\"72\",\"name\":\"Olga\",\"role\":\"viewer\"}");
        assertEvent(
                accept, ws(), new Actor(Actor.ANONYMOUS, id, id), "invite.accept", "invite:" + id, Decision.ALLOWED);
        assertEvent(revoke, ws(), admin, "invite.revoke", "invite:" + other, Decision.ALLOWED);
        String secret = InviteToken.parse(token).orElseThrow().secret();
        String memberKey = accepted.get("api_key").get("key").asText();
        assertThat(RecordingAuditLog.allFields(List.of(create, accept, revoke)))
                .doesNotContain(secret)
                .doesNotContain(SecretHash.hex(SecretHash.of(secret)))
                .doesNotContain(ApiKeyToken.parse(memberKey).orElseThrow().secret());
    }

    @Test
    void aBadInviteTokenIsAnsweredAsBeforeAndPutsNothingOnTheWorkspacesRecord() throws Exception {
        String token = json(inviteRoutes.create(in(adminA).withBody("{\"name\":\"Olga\",\"role\":\"viewer\"}")))
                .get("token")
                .asText();
        audit.take();
        String wrong = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");

        assertStatus(
                400,
                () -> inviteRoutes.accept(
                        new FakeRequest(ownerA, Map.of(), Map.of(), "{\"token\":\"" + wrong + "\"}")));

        assertThat(audit.take()).isEmpty();
        assertThat(memberCount()).isEqualTo(2);
    }

    @Test
    void aRoleAboveTheCallersOwnIsRecordedAsDeniedOnceWhenNothingWasAttempted() throws Exception {
        assertStatus(403, () -> keyRoutes.create(in(adminA).withBody("{\"name\":\"k\",\"role\":\"owner\"}")));
        AuditEvent key = one();
        assertStatus(403, () -> inviteRoutes.create(in(adminA).withBody("{\"name\":\"x\",\"role\":\"owner\"}")));
        AuditEvent invite = one();
        assertStatus(403, () -> memberRoutes.changeRole(on(adminA, viewer.id()).withBody("{\"role\":\"owner\"}")));
        AuditEvent role = one();

        Actor admin = new Actor(Actor.MEMBER, a.owner().id(), adminKey.key().id());
        for (AuditEvent event : List.of(key, invite, role)) {
            assertThat(event.actor()).isEqualTo(admin);
            assertThat(event.decision()).isEqualTo(Decision.DENIED);
            assertThat(event.reasonCode()).isEqualTo("above_own_role");
            assertThat(event.reasonText())
                    .isEqualTo(Problems.aboveOwnRole(Role.OWNER).detail());
        }
        assertThat(List.of(key.action(), invite.action(), role.action()))
                .containsExactly("api_key.create", "invite.create", "member.role_change");
        assertThat(roleOf(viewer.id())).isEqualTo("viewer");
    }

    @Test
    void aRefusalFoundWhileActingIsTheOnlyRecord() throws Exception {
        assertStatus(403, () -> keyRoutes.revoke(on(adminA, a.key().key().id())));
        List<AuditEvent> revoke = audit.take();
        assertStatus(
                409, () -> memberRoutes.changeRole(on(ownerA, a.owner().id()).withBody("{\"role\":\"admin\"}")));
        List<AuditEvent> demote = audit.take();
        assertStatus(409, () -> memberRoutes.remove(on(ownerA, a.owner().id())));
        List<AuditEvent> remove = audit.take();

        assertThat(revoke)
                .extracting(AuditEvent::decision, AuditEvent::reasonCode)
                .containsExactly(tuple(Decision.DENIED, "above_own_role"));
        for (List<AuditEvent> events : List.of(demote, remove)) {
            assertThat(events)
                    .extracting(AuditEvent::decision, AuditEvent::reasonCode)
                    .containsExactly(tuple(Decision.DENIED, "last_owner"));
            assertThat(events)
                    .allSatisfy(e -> assertThat(e.target())
                            .isEqualTo("member:" + a.owner().id()));
        }
        assertThat(revoke)
                .allSatisfy(e -> assertThat(e.target())
                        .isEqualTo("api_key:" + a.key().key().id()));
        assertThat(authenticator.authenticate(a.key().token().value())).isPresent();
        assertThat(roleOf(a.owner().id())).isEqualTo("owner");
    }

    @Test
    void aRefusalThatCannotBeRecordedIsStillAnsweredAsBefore() throws Exception {
        audit.failing(true);

        assertStatus(403, () -> keyRoutes.create(in(adminA).withBody("{\"name\":\"k\",\"role\":\"owner\"}")));
    }

    @Test
    void readsAreNotRecordedHere() throws Exception {
        memberRoutes.list(in(ownerA));
        keyRoutes.list(in(ownerA));
        inviteRoutes.list(in(ownerA));
        subjectRoutes.get(on(ownerA, viewer.id()));
        workspaceRoutes.get(FakeRequest.of(platform, Map.of("ws", ws())));

        assertThat(audit.take()).isEmpty();
    }

    private static void assertEvent(
            AuditEvent event,
            @org.jspecify.annotations.Nullable String workspaceId,
            Actor actor,
            String action,
            String target,
            Decision decision) {
        assertThat(event.workspaceId()).as("chain").isEqualTo(workspaceId);
        assertThat(event.actor()).isEqualTo(actor);
        assertThat(event.action()).isEqualTo(action);
        assertThat(event.target()).isEqualTo(target);
        assertThat(event.decision()).isEqualTo(decision);
        assertThat(event.requestId()).isEqualTo("test");
    }

    private long keyRows() throws Exception {
        return db.database.inTransaction(c -> Jdbc.one(c, r -> r.getLong(1), "SELECT COUNT(*) FROM tenancy.api_keys")
                .orElseThrow());
    }

    private long memberCount() throws Exception {
        return db.database.inTransaction(c -> Jdbc.one(c, r -> r.getLong(1), "SELECT COUNT(*) FROM tenancy.members")
                .orElseThrow());
    }

    private String roleOf(String memberId) throws Exception {
        return db.database
                .inTransaction(c ->
                        Jdbc.one(c, r -> r.getString(1), "SELECT role FROM tenancy.members WHERE id = ?", memberId))
                .orElse(null);
    }
}
