package io.portcullis.vault.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialException.Reason;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.testing.FakeRequest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every credential change and use is on the record before it happens, never with a value; what cannot
 * be recorded does not happen.
 */
class CredentialAuditTest extends CredentialFixture {

    static final Set<String> REVEAL = Set.of(CredentialUse.REVEAL_SCOPE);

    CredentialAuditTest() {
        super(Engine.H2);
    }

    @Test
    void everyChangeIsRecordedOnceByTheCallerWithItsNonSecretFieldsOnly() throws Exception {
        String value = canary();
        String fresh = canary();
        audit.before(event -> {
            assertThat(rows(wsA)).as("recorded before the change commits").isEmpty();
            assertThat(registry.all()).doesNotContain(value);
        });
        String id = create(
                        callerA,
                        wsA,
                        FakeRequest.json(Map.of(
                                "name", "svc", "kind", "api_key", "value", value, "metadata", Map.of("env", "prod"))))
                .get("id")
                .asText();
        AuditEvent create = one();
        audit.before(event -> {});
        onId(HttpMethod.POST, "/{id}/rotate", callerA, wsA, id, FakeRequest.json(Map.of("value", fresh)));
        AuditEvent rotate = one();
        onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, id, "");
        AuditEvent bind = one();
        onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, wsA, id, "");
        AuditEvent unbind = one();
        onId(HttpMethod.DELETE, "/{id}", callerA, wsA, id, "");
        AuditEvent delete = one();

        Actor caller = new Actor(Actor.API_KEY, callerA.id(), callerA.id());
        List<AuditEvent> all = List.of(create, rotate, bind, unbind, delete);
        assertThat(all)
                .extracting(AuditEvent::action)
                .containsExactly(
                        "credential.create",
                        "credential.rotate",
                        "credential.bind",
                        "credential.unbind",
                        "credential.delete");
        assertThat(all).allSatisfy(event -> {
            assertThat(event.workspaceId()).isEqualTo(wsA);
            assertThat(event.actor()).isEqualTo(caller);
            assertThat(event.target()).isEqualTo("credential:" + id);
            assertThat(event.decision()).isEqualTo(Decision.ALLOWED);
            assertThat(event.requestId()).isEqualTo("test");
        });
        assertThat(create.arguments())
                .isEqualTo("{\"allowed_hosts\":\"[]\",\"kind\":\"api_key\","
                        + "\"metadata\":\"{\\\"env\\\":\\\"prod\\\"}\",\"name\":\"svc\",\"read_only\":\"false\"}");
        assertThat(bind.arguments()).isEqualTo("{\"plugin\":\"" + PLUGIN + "\"}");
        assertThat(unbind.arguments()).isEqualTo(bind.arguments());
        assertThat(RecordingAuditLog.allFields(all)).doesNotContain(value).doesNotContain(fresh);
    }

    @Test
    void aChangeRefusedOnceTriedIsRecordedAsDeniedWithItsOutcomeNeverAsAllowed() throws Exception {
        String id = create(callerA, wsA, "svc", "api_key", canary()).get("id").asText();
        audit.take();

        ProblemException duplicate = problem(() -> create(callerA, wsA, "svc", "api_key", canary()));
        assertThat(duplicate.status()).isEqualTo(409);
        AuditEvent conflict = one();
        ProblemException missing = problem(() -> onId(HttpMethod.DELETE, "/{id}", callerA, wsA, Ids.next(), ""));
        assertThat(missing.status()).isEqualTo(404);
        AuditEvent notFound = one();
        ProblemException foreign = problem(() ->
                onId(HttpMethod.POST, "/{id}/rotate", callerB, wsB, id, FakeRequest.json(Map.of("value", canary()))));
        assertThat(foreign.status()).isEqualTo(404);
        AuditEvent rotate = one();
        ProblemException unbindable = problem(() -> call(
                HttpMethod.PUT,
                "/{id}/bindings/{plugin}",
                callerA,
                Map.of("ws", wsA, "id", id, "plugin", "io.portcullis.vault"),
                ""));
        assertThat(unbindable.status()).isEqualTo(400);
        AuditEvent bind = one();
        assertThat(problem(() -> onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, wsA, id, ""))
                        .status())
                .isEqualTo(404);
        AuditEvent unbind = one();

        assertThat(List.of(conflict, notFound, rotate, bind, unbind))
                .extracting(AuditEvent::action, AuditEvent::decision, AuditEvent::reasonCode, AuditEvent::resultStatus)
                .containsExactly(
                        tuple("credential.create", Decision.DENIED, "conflict", 409),
                        tuple("credential.delete", Decision.DENIED, "not_found", 404),
                        tuple("credential.rotate", Decision.DENIED, "not_found", 404),
                        tuple("credential.bind", Decision.DENIED, "bad_request", 400),
                        tuple("credential.unbind", Decision.DENIED, "not_found", 404));
        assertThat(rotate.workspaceId()).isEqualTo(wsB);
        assertThat(onId(HttpMethod.GET, "/{id}", callerA, wsA, id, "").status()).isEqualTo(200);
    }

    @Test
    void theActorIsTheCallerAsItsAuthenticatorNamesIt() throws Exception {
        Caller member = new Caller() {
            @Override
            public String id() {
                return "jwt:m1";
            }

            @Override
            public String kind() {
                return Actor.MEMBER;
            }

            @Override
            public String principalId() {
                return "m1";
            }

            @Override
            public Optional<String> credentialId() {
                return Optional.empty();
            }

            @Override
            public Optional<String> workspaceId() {
                return Optional.of(wsA);
            }

            @Override
            public String rateClass() {
                return "admin";
            }

            @Override
            public boolean isPermitted(String permission) {
                return true;
            }
        };

        create(member, wsA, "svc", "api_key", canary());

        assertThat(one().actor()).isEqualTo(new Actor(Actor.MEMBER, "m1", null));
    }

    @Test
    void aChangeThatCannotBeRecordedAnswers503AndChangesNothing() throws Exception {
        String value = canary();
        String id = bound(callerA, wsA, value);
        String before = rows(wsA);
        Map<String, Map<String, String>> registered = Map.copyOf(registry.values);
        audit.take();
        audit.failing(true);

        assertUnavailable(() -> create(callerA, wsA, "new", "api_key", canary()));
        assertUnavailable(() ->
                onId(HttpMethod.POST, "/{id}/rotate", callerA, wsA, id, FakeRequest.json(Map.of("value", canary()))));
        assertUnavailable(() -> onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, wsA, id, ""));
        assertUnavailable(() -> onId(HttpMethod.DELETE, "/{id}", callerA, wsA, id, ""));
        String other = "io.portcullis.tool.other";
        assertUnavailable(() -> call(
                HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, Map.of("ws", wsA, "id", id, "plugin", other), ""));

        assertThat(rows(wsA)).isEqualTo(before);
        assertThat(registry.values).isEqualTo(registered);
        assertThat(registry.values.get(wsA)).containsEntry(id, value);
        assertThat(audit.take()).isEmpty();
    }

    @Test
    void opensAndRevealsAreRecordedAsUsesByThePlugin() throws Exception {
        String value = canary();
        String id = bound(callerA, wsA, value);
        CredentialHandle handle = credentials.handle(wsA, PLUGIN, id).orElseThrow();
        audit.take();
        int decrypted = keys.opened.get();
        audit.before(event -> assertThat(keys.opened.get())
                .as("nothing decrypted before the record")
                .isEqualTo(decrypted));

        credentials.open(handle).close();
        AuditEvent open = one();
        audit.before(event -> {});
        credentials.reveal(wsA, PLUGIN, REVEAL, id).close();
        AuditEvent reveal = one();

        assertUse(open, id, Decision.ALLOWED, "open");
        assertUse(reveal, id, Decision.ALLOWED, "reveal");
        assertThat(RecordingAuditLog.allFields(List.of(open, reveal))).doesNotContain(value);
    }

    @Test
    void aUseForARequestCarriesItsRequestIdWhetherItSucceedsOrNot() throws Exception {
        String id = bound(callerA, wsA, canary());
        CredentialHandle handle = credentials.handle(wsA, PLUGIN, id).orElseThrow();
        audit.take();

        credentials.open(handle, "req-tool-call").close();
        AuditEvent open = one();
        assertUse(open, id, Decision.ALLOWED, "open");
        assertThat(open.requestId()).isEqualTo("req-tool-call");

        onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, wsA, id, "");
        audit.take();
        assertThat(reason(() -> credentials.open(handle, "req-later"))).isEqualTo(Reason.NOT_FOUND);
        AuditEvent refused = one();
        assertUse(refused, id, Decision.DENIED, "not_found");
        assertThat(refused.requestId()).isEqualTo("req-later");
    }

    @Test
    void refusedUsesAreRecordedAsDeniedAndDecryptNothing() throws Exception {
        String id = bound(callerA, wsA, canary());
        String unbound =
                create(callerA, wsA, "loose", "api_key", canary()).get("id").asText();
        String expiring = create(
                        callerA,
                        wsA,
                        FakeRequest.json(Map.of(
                                "name",
                                "brief",
                                "kind",
                                "api_key",
                                "value",
                                canary(),
                                "expires_at",
                                "2030-01-01T01:00:00Z")))
                .get("id")
                .asText();
        onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, expiring, "");
        audit.take();
        int decrypted = keys.opened.get();

        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, Set.of("vault.use"), id)))
                .isEqualTo(Reason.DENIED);
        AuditEvent scope = one();
        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, unbound)))
                .isEqualTo(Reason.NOT_FOUND);
        AuditEvent notBound = one();
        clock.advance(Duration.ofHours(2));
        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, expiring)))
                .isEqualTo(Reason.EXPIRED);
        AuditEvent expired = one();

        assertUse(scope, id, Decision.DENIED, "missing_scope");
        assertUse(notBound, unbound, Decision.DENIED, "not_found");
        assertUse(expired, expiring, Decision.DENIED, "expired");
        assertThat(keys.opened.get()).isEqualTo(decrypted);
    }

    @Test
    void aTamperedValueIsAnErrorAfterItsUse() throws Exception {
        String value = canary();
        String id = bound(callerA, wsA, value);
        tamper(wsA, id);
        audit.take();

        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, id))).isEqualTo(Reason.TAMPERED);

        List<AuditEvent> events = audit.take();
        assertThat(events)
                .extracting(AuditEvent::decision, AuditEvent::reasonCode)
                .containsExactly(tuple(Decision.ALLOWED, "reveal"), tuple(Decision.ERROR, "tampered"));
        assertUse(events.get(1), id, Decision.ERROR, "tampered");
        assertThat(RecordingAuditLog.allFields(events)).doesNotContain(value);
    }

    @Test
    void aUseThatCannotBeRecordedReturnsNoValueAndDecryptsNothing() throws Exception {
        String id = bound(callerA, wsA, canary());
        CredentialHandle handle = credentials.handle(wsA, PLUGIN, id).orElseThrow();
        int decrypted = keys.opened.get();
        audit.failing(true);

        assertThat(reason(() -> credentials.open(handle))).isEqualTo(Reason.UNAVAILABLE);
        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, id))).isEqualTo(Reason.UNAVAILABLE);

        assertThat(keys.opened.get()).isEqualTo(decrypted);
        assertThat(lastUsed(id)).isEqualTo("null");
        audit.failing(false);
        try (SecretValue value = credentials.open(handle)) {
            assertThat(value.chars()).isNotEmpty();
        }
    }

    private AuditEvent one() {
        List<AuditEvent> events = audit.take();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private void assertUse(AuditEvent event, String credentialId, Decision decision, String reasonCode) {
        assertThat(event.workspaceId()).isEqualTo(wsA);
        assertThat(event.actor()).isEqualTo(new Actor(Actor.PLUGIN, PLUGIN, null));
        assertThat(event.action()).isEqualTo("credential.use");
        assertThat(event.target()).isEqualTo("credential:" + credentialId);
        assertThat(event.decision()).isEqualTo(decision);
        assertThat(event.reasonCode()).isEqualTo(reasonCode);
        assertThat(event.arguments()).isNull();
    }

    /** Every credential and binding row of a workspace, values as ciphertext: equal means nothing changed. */
    private String rows(String ws) throws SQLException {
        return db.database.inWorkspace(ws, c -> {
            StringBuilder all = new StringBuilder();
            for (String sql : new String[] {
                "SELECT * FROM vault.credentials WHERE workspace_id = ? ORDER BY id",
                "SELECT * FROM vault.credential_bindings WHERE workspace_id = ? ORDER BY credential_id, plugin_id"
            }) {
                for (String row : Jdbc.list(
                        c,
                        r -> {
                            StringBuilder line = new StringBuilder();
                            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                                line.append(r.getString(i)).append(',');
                            }
                            return line.toString();
                        },
                        sql,
                        ws)) {
                    all.append(row).append('\n');
                }
            }
            return all.toString();
        });
    }

    private String lastUsed(String id) throws SQLException {
        return db.database
                .inWorkspace(
                        wsA,
                        c -> Jdbc.one(
                                c,
                                r -> String.valueOf(r.getString(1)),
                                "SELECT last_used_at FROM vault.credentials WHERE id = ?",
                                id))
                .orElseThrow();
    }

    private static void assertUnavailable(ThrowingCallable call) {
        ProblemException problem = problem(call);
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).isEqualTo("The change could not be put on the record; nothing was changed.");
    }

    private static Reason reason(ThrowingCallable call) {
        CredentialException failure = catchThrowableOfType(CredentialException.class, call);
        assertThat(failure).as("a credential exception").isNotNull();
        return failure.reason();
    }
}
