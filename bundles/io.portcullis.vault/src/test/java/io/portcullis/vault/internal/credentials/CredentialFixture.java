package io.portcullis.vault.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import io.portcullis.web.testing.TestCaller;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two workspaces, A and B, on a fresh database, with the credentials component started on test keys,
 * a recording registry, a recording audit log and a prefix redactor; requests go through the component's route table. Every
 * response body and problem detail is kept, so that tests can search them for values.
 */
abstract class CredentialFixture {

    static final String PLUGIN = "io.portcullis.tool.http";

    /** The installed plugins that declare {@code vault.use}: the only ones a credential binds to. */
    final Set<String> bindable = ConcurrentHashMap.newKeySet();

    {
        bindable.addAll(List.of(PLUGIN, "io.portcullis.model.openai", "io.portcullis.tool.other"));
    }

    final Engine engine;
    TestDatabase db;
    TestClock clock;
    TestKeys keys;
    RecordingRegistry registry;
    final RecordingAuditLog audit = new RecordingAuditLog();
    Credentials credentials;
    final String wsA = Ids.next();
    final String wsB = Ids.next();
    final Caller callerA = TestCaller.member(wsA);
    final Caller callerB = TestCaller.member(wsB);
    final List<String> answers = new ArrayList<>();
    private Map<String, String> query = Map.of();

    CredentialFixture(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.of(engine, "vault");
        clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        keys = new TestKeys();
        registry = new RecordingRegistry();
        credentials = start(registry);
    }

    Credentials start(RecordingRegistry into) throws SQLException {
        return new Credentials(keys, into, new PrefixRedactor(), db.database, audit, bindable::contains, clock);
    }

    /** A value no other test uses, long enough to be stored. */
    static String canary() {
        return "canary-" + Ids.next();
    }

    /** Calls the route {@code method template} (relative to the base) as {@code caller}; keeps the answer. */
    ApiResponse call(HttpMethod method, String template, Caller caller, Map<String, String> path, String body)
            throws Exception {
        Route route = credentials.routes().stream()
                .filter(r -> r.method() == method && r.path().equals(CredentialRoutes.BASE + template))
                .findFirst()
                .orElseThrow();
        try {
            ApiResponse response = route.handler().handle(new FakeRequest(method, caller, path, query, body));
            answers.add(response.body() == null ? "" : FakeRequest.json(response.body()));
            return response;
        } catch (ProblemException e) {
            answers.add(e.title() + " " + e.detail());
            throw e;
        } finally {
            query = Map.of();
        }
    }

    CredentialFixture withQuery(Map<String, String> parameters) {
        query = parameters;
        return this;
    }

    ApiResponse call(HttpMethod method, String template, Caller caller, String ws, String body) throws Exception {
        return call(method, template, caller, Map.of("ws", ws), body);
    }

    ApiResponse onId(HttpMethod method, String template, Caller caller, String ws, String id, String body)
            throws Exception {
        Map<String, String> path = new HashMap<>(Map.of("ws", ws, "id", id));
        if (template.contains("{plugin}")) {
            path.put("plugin", PLUGIN);
        }
        return call(method, template, caller, path, body);
    }

    /** Creates a credential through the API and answers its view. */
    JsonNode create(Caller caller, String ws, String body) throws Exception {
        ApiResponse response = call(HttpMethod.POST, "", caller, ws, body);
        assertThat(response.status()).isEqualTo(201);
        return json(response);
    }

    JsonNode create(Caller caller, String ws, String name, String kind, String value) throws Exception {
        return create(caller, ws, body(name, kind, value));
    }

    /** Creates an api_key credential bound to {@link #PLUGIN} and answers its id. */
    String bound(Caller caller, String ws, String value) throws Exception {
        String id = create(caller, ws, "key-" + Ids.next(), "api_key", value)
                .get("id")
                .asText();
        assertThat(onId(HttpMethod.PUT, "/{id}/bindings/{plugin}", caller, ws, id, "")
                        .status())
                .isEqualTo(204);
        return id;
    }

    static String body(String name, String kind, String value) throws Exception {
        return FakeRequest.json(Map.of("name", name, "kind", kind, "value", value));
    }

    static JsonNode json(ApiResponse response) throws Exception {
        return FakeRequest.tree(response);
    }

    /** The problem {@code call} threw; fails if it threw none. */
    static ProblemException problem(ThrowingCallable call) {
        return FakeRequest.problem(call);
    }

    byte[] ciphertext(String ws, String id) throws SQLException {
        return db.database.inWorkspace(
                ws,
                c -> Jdbc.one(c, r -> r.getBytes(1), "SELECT ciphertext FROM vault.credentials WHERE id = ?", id)
                        .orElseThrow());
    }

    void setCiphertext(String ws, String id, byte[] ciphertext) throws SQLException {
        db.database.inWorkspace(
                ws, c -> Jdbc.update(c, "UPDATE vault.credentials SET ciphertext = ? WHERE id = ?", ciphertext, id));
    }

    /** Flips one bit of the stored ciphertext, as an attacker with write access to the database might. */
    void tamper(String ws, String id) throws SQLException {
        byte[] ciphertext = ciphertext(ws, id);
        ciphertext[ciphertext.length / 2] ^= 1;
        setCiphertext(ws, id, ciphertext);
    }
}
