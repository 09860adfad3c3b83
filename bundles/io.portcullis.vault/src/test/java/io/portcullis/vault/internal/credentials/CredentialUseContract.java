package io.portcullis.vault.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialException.Reason;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.testing.FakeRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link CredentialUse}, tamper detection, last use, workspace deletion and the start-up load, the
 * same on every engine.
 */
abstract class CredentialUseContract extends CredentialFixture {

    static final Set<String> REVEAL = Set.of(CredentialUse.REVEAL_SCOPE);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    CredentialUseContract(Engine engine) {
        super(engine);
    }

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger("io.portcullis.vault")).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger("io.portcullis.vault")).detachAppender(log);
    }

    @Test
    void aBoundCredentialGivesAHandleThatOpens() throws Exception {
        String value = canary();
        Map<String, Object> body = new HashMap<>(Map.of(
                "name",
                "svc",
                "kind",
                "bearer_token",
                "value",
                value,
                "allowed_hosts",
                List.of("api.example.com"),
                "read_only",
                true));
        String id = create(callerA, wsA, FakeRequest.json(body)).get("id").asText();
        onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, id, "");

        CredentialHandle handle = credentials.handle(wsA, PLUGIN, id).orElseThrow();

        assertThat(handle)
                .isEqualTo(new CredentialHandle(
                        wsA,
                        id,
                        PLUGIN,
                        io.portcullis.vault.CredentialKind.BEARER_TOKEN,
                        1,
                        List.of("api.example.com"),
                        true));
        try (SecretValue opened = credentials.open(handle)) {
            assertThat(opened.reveal()).isEqualTo(value);
            assertThat(opened.toString()).doesNotContain(value);
        }
    }

    @Test
    void anUnboundForeignOrMalformedCredentialHasNoHandle() throws Exception {
        String unbound =
                create(callerA, wsA, "svc", "api_key", canary()).get("id").asText();
        String ofB = bound(callerB, wsB, canary());

        assertThat(credentials.handle(wsA, PLUGIN, unbound)).isEmpty();
        assertThat(credentials.handle(wsA, PLUGIN, ofB)).isEmpty();
        assertThat(credentials.handle(wsA, PLUGIN, "' OR 1=1 --")).isEmpty();
        assertThat(credentials.handle("not a workspace!", PLUGIN, ofB)).isEmpty();
        assertThat(credentials.handle(wsB, "io.portcullis.other", ofB)).isEmpty();
        assertThat(credentials.handle(wsB, PLUGIN, ofB)).isPresent();
        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, ofB))).isEqualTo(Reason.NOT_FOUND);
        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, unbound)))
                .isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void openChecksTheBindingAgain() throws Exception {
        String value = canary();
        String id = bound(callerA, wsA, value);
        CredentialHandle handle = credentials.handle(wsA, PLUGIN, id).orElseThrow();

        onId(HttpMethod.DELETE, "/{id}/bindings/{plugin}", callerA, wsA, id, "");

        assertThat(reason(() -> credentials.open(handle))).isEqualTo(Reason.NOT_FOUND);
        onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, id, "");
        try (SecretValue opened = credentials.open(handle)) {
            assertThat(opened.reveal()).isEqualTo(value);
        }
        CredentialHandle forged = new CredentialHandle(wsB, id, PLUGIN, handle.kind(), 1, List.of(), false);
        assertThat(reason(() -> credentials.open(forged))).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void anExpiredCredentialHasNoHandleAndDoesNotOpen() throws Exception {
        String value = canary();
        Map<String, Object> body =
                Map.of("name", "svc", "kind", "api_key", "value", value, "expires_at", "2030-01-01T01:00:00Z");
        String id = create(callerA, wsA, FakeRequest.json(body)).get("id").asText();
        onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", callerA, wsA, id, "");
        CredentialHandle handle = credentials.handle(wsA, PLUGIN, id).orElseThrow();

        clock.advance(Duration.ofHours(1));

        assertThat(credentials.handle(wsA, PLUGIN, id)).isEmpty();
        assertThat(reason(() -> credentials.open(handle))).isEqualTo(Reason.EXPIRED);
        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, id))).isEqualTo(Reason.EXPIRED);
        clock.advance(Duration.ofSeconds(-1));
        try (SecretValue opened = credentials.open(handle)) {
            assertThat(opened.reveal()).isEqualTo(value);
        }
    }

    @Test
    void revealNeedsTheScopeBeforeAnyLookup() throws Exception {
        String value = canary();
        String id = bound(callerA, wsA, value);

        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, Set.of("vault.use"), id)))
                .isEqualTo(Reason.DENIED);
        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, Set.of(), Ids.next())))
                .isEqualTo(Reason.DENIED);
        assertThat(reason(() -> credentials.reveal("", "", Set.of(), ""))).isEqualTo(Reason.DENIED);
        try (SecretValue revealed = credentials.reveal(wsA, PLUGIN, REVEAL, id)) {
            assertThat(revealed.reveal()).isEqualTo(value);
        }
    }

    @Test
    void aTamperedCiphertextIsNamedAndNeverDecrypted() throws Exception {
        String value = canary();
        String id = bound(callerA, wsA, value);
        String other = bound(callerA, wsA, canary());

        tamper(wsA, id);

        CredentialException tampered =
                catchThrowableOfType(CredentialException.class, () -> credentials.reveal(wsA, PLUGIN, REVEAL, id));
        assertThat(tampered.reason()).isEqualTo(Reason.TAMPERED);
        assertThat(tampered.credentialId()).isEqualTo(id);
        assertThat(tampered.getMessage()).contains(id).doesNotContain(value);
        CredentialHandle handle = credentials.handle(wsA, PLUGIN, id).orElseThrow();
        assertThat(reason(() -> credentials.open(handle))).isEqualTo(Reason.TAMPERED);
        assertThat(onId(HttpMethod.GET, "/{id}", callerA, wsA, id, "").status()).isEqualTo(200);
        credentials.reveal(wsA, PLUGIN, REVEAL, other).close();
        List<ILoggingEvent> errors =
                log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors)
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("'" + id + "'", "'" + wsA + "'")
                        .doesNotContain(value));
    }

    @Test
    void aCiphertextMovedToAnotherRowOrVersionDoesNotDecrypt() throws Exception {
        String x = canary();
        String idX = bound(callerA, wsA, x);
        String idY = bound(callerA, wsA, canary());
        String idB = bound(callerB, wsB, canary());
        byte[] sealedX = ciphertext(wsA, idX);

        setCiphertext(wsA, idY, sealedX);
        setCiphertext(wsB, idB, sealedX);

        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, idY))).isEqualTo(Reason.TAMPERED);
        assertThat(reason(() -> credentials.reveal(wsB, PLUGIN, REVEAL, idB))).isEqualTo(Reason.TAMPERED);
        try (SecretValue revealed = credentials.reveal(wsA, PLUGIN, REVEAL, idX)) {
            assertThat(revealed.reveal()).isEqualTo(x);
        }
        db.database.inWorkspace(wsA, c -> Jdbc.update(c, "UPDATE vault.credentials SET version = 2 WHERE id = ?", idX));
        assertThat(reason(() -> credentials.reveal(wsA, PLUGIN, REVEAL, idX))).isEqualTo(Reason.TAMPERED);
    }

    @Test
    void aHandleOutlivesRotationAndOpensTheNewValue() throws Exception {
        String old = canary();
        String fresh = canary();
        String id = bound(callerA, wsA, old);
        CredentialHandle handle = credentials.handle(wsA, PLUGIN, id).orElseThrow();

        onId(HttpMethod.POST, "/{id}/rotate", callerA, wsA, id, FakeRequest.json(Map.of("value", fresh)));

        try (SecretValue opened = credentials.open(handle)) {
            assertThat(opened.reveal()).isEqualTo(fresh);
        }
        assertThat(credentials.handle(wsA, PLUGIN, id).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aUseIsRecordedAtMostOnceAMinute() throws Exception {
        String id = bound(callerA, wsA, canary());
        Instant first = clock.instant();

        credentials.reveal(wsA, PLUGIN, REVEAL, id).close();
        assertThat(lastUsed(id)).isEqualTo(first.toString());

        clock.advance(Duration.ofSeconds(30));
        credentials.open(credentials.handle(wsA, PLUGIN, id).orElseThrow()).close();
        assertThat(lastUsed(id)).isEqualTo(first.toString());
        db.database.inWorkspace(wsA, c -> Jdbc.update(c, "UPDATE vault.credentials SET last_used_at = NULL"));
        credentials.reveal(wsA, PLUGIN, REVEAL, id).close();
        assertThat(lastUsed(id)).as("no write within the minute").isEqualTo("null");

        clock.advance(Duration.ofSeconds(31));
        credentials.reveal(wsA, PLUGIN, REVEAL, id).close();
        assertThat(lastUsed(id)).isEqualTo(clock.instant().toString());

        clock.advance(Duration.ofMinutes(5));
        credentials.handle(wsA, PLUGIN, id).orElseThrow(); // a handle is no use
        assertThat(catchThrowableOfType(CredentialException.class, () -> credentials.reveal(wsA, PLUGIN, Set.of(), id)))
                .isNotNull();
        assertThat(lastUsed(id)).isEqualTo(first.plusSeconds(61).toString());
    }

    @Test
    void deletingAWorkspaceRemovesItsRowsDestroysItsKeyAndForgetsItsValues() throws Exception {
        String idA = bound(callerA, wsA, canary());
        create(callerA, wsA, "second", "other", canary());
        String valueB = canary();
        String idB = bound(callerB, wsB, valueB);

        db.database.inWorkspace(wsA, c -> {
            credentials.deleteWorkspace(c, wsA);
            return null;
        });

        assertThat(count(wsA, "credentials")).isZero();
        assertThat(count(wsA, "credential_bindings")).isZero();
        assertThat(keys.destroyed).containsExactly(wsA);
        assertThat(registry.removedWorkspaces).containsExactly(wsA);
        assertThat(registry.values).doesNotContainKey(wsA);
        assertThat(credentials.handle(wsA, PLUGIN, idA)).isEmpty();
        assertThat(count(wsB, "credentials")).isEqualTo(1);
        assertThat(count(wsB, "credential_bindings")).isEqualTo(1);
        assertThat(registry.values.get(wsB)).containsEntry(idB, valueB);
        try (SecretValue revealed = credentials.reveal(wsB, PLUGIN, REVEAL, idB)) {
            assertThat(revealed.reveal()).isEqualTo(valueB);
        }
    }

    @Test
    void startingLoadsEveryValueAndSkipsOneThatDoesNotDecrypt() throws Exception {
        String valueA = canary();
        String valueB = canary();
        String tamperedValue = canary();
        String idA = create(callerA, wsA, "a", "api_key", valueA).get("id").asText();
        String idB = create(callerB, wsB, "b", "api_key", valueB).get("id").asText();
        String idT =
                create(callerA, wsA, "t", "api_key", tamperedValue).get("id").asText();
        tamper(wsA, idT);
        RecordingRegistry fresh = new RecordingRegistry();

        start(fresh);

        assertThat(fresh.values).containsOnlyKeys(wsA, wsB);
        assertThat(fresh.values.get(wsA)).containsExactly(Map.entry(idA, valueA));
        assertThat(fresh.values.get(wsB)).containsExactly(Map.entry(idB, valueB));
        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("'" + idT + "'").doesNotContain(tamperedValue);
        });
        assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains(valueA));
    }

    private String lastUsed(String id) throws Exception {
        return json(onId(HttpMethod.GET, "/{id}", callerA, wsA, id, ""))
                .get("last_used_at")
                .asText();
    }

    private long count(String ws, String table) throws Exception {
        return db.database.inWorkspace(
                ws,
                c -> Jdbc.one(
                                c,
                                r -> r.getLong(1),
                                "SELECT COUNT(*) FROM vault." + table + " WHERE workspace_id = ?",
                                ws)
                        .orElseThrow());
    }

    private static Reason reason(ThrowingCallable call) {
        CredentialException failure = catchThrowableOfType(CredentialException.class, call);
        assertThat(failure).as("a credential exception").isNotNull();
        return failure.reason();
    }
}
