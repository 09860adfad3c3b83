package io.portcullis.tenancy.internal;

import static io.portcullis.web.testing.FakeRequest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.web.ProblemException;
import io.portcullis.web.testing.FakeRequest;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A change that cannot be put on the record is not made: every changing route answers 503 and no row moves. */
class AuditFailClosedTest extends AuditFixture {

    @Test
    void everyChangeIsRefusedWithA503AndNoRowChanges() throws Exception {
        String inviteToken = json(inviteRoutes.create(in(ownerA).withBody("{\"name\":\"Olga\",\"role\":\"viewer\"}")))
                .get("token")
                .asText();
        String inviteId = InviteToken.parse(inviteToken).orElseThrow().id();
        String keyId = adminKey.key().id();
        String before = rows();
        audit.take();
        audit.failing(true);

        assertUnavailable(() -> workspaceRoutes.create(
                FakeRequest.of(platform, Map.of()).withBody("{\"name\":\"C\",\"owner\":{\"name\":\"Carol\"}}")));
        assertUnavailable(() -> workspaceRoutes.rename(
                FakeRequest.of(platform, Map.of("ws", ws())).withBody("{\"name\":\"A2\"}")));
        assertUnavailable(() -> workspaceRoutes.delete(FakeRequest.of(platform, Map.of("ws", ws()))));
        assertUnavailable(() -> memberRoutes.changeRole(on(ownerA, viewer.id()).withBody("{\"role\":\"admin\"}")));
        assertUnavailable(() -> memberRoutes.remove(on(ownerA, viewer.id())));
        assertUnavailable(() -> subjectRoutes.set(on(ownerA, viewer.id()).withBody("{\"subject\":\"vic@idp\"}")));
        assertUnavailable(() -> subjectRoutes.clear(on(ownerA, viewer.id())));
        assertUnavailable(() -> keyRoutes.create(in(ownerA).withBody("{\"name\":\"k\"}")));
        assertUnavailable(() -> keyRoutes.rotate(on(ownerA, keyId)));
        assertUnavailable(() -> keyRoutes.revoke(on(ownerA, keyId)));
        assertUnavailable(() -> inviteRoutes.create(in(ownerA).withBody("{\"name\":\"Pia\",\"role\":\"viewer\"}")));
        assertUnavailable(() -> inviteRoutes.withdraw(on(ownerA, inviteId)));
        assertUnavailable(() -> inviteRoutes.accept(
                new FakeRequest(ownerA, Map.of(), Map.of(), "{\"token\":\"" + inviteToken + "\"}")));

        assertThat(rows()).isEqualTo(before);
        assertThat(audit.take()).isEmpty();
        assertThat(authenticator.authenticate(adminKey.token().value())).isPresent();
    }

    @Test
    void onceTheLogRecoversTheSameChangesGoThrough() throws Exception {
        audit.failing(true);
        assertUnavailable(() -> memberRoutes.changeRole(on(ownerA, viewer.id()).withBody("{\"role\":\"admin\"}")));

        audit.failing(false);

        assertThat(memberRoutes
                        .changeRole(on(ownerA, viewer.id()).withBody("{\"role\":\"admin\"}"))
                        .status())
                .isEqualTo(200);
        assertThat(rows()).contains(viewer.id() + ",");
        assertThat(audit.take()).hasSize(1);
    }

    private static void assertUnavailable(ThrowingCallable call) {
        ProblemException problem = problem(call);
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).isEqualTo("The change could not be put on the record; nothing was changed.");
    }
}
