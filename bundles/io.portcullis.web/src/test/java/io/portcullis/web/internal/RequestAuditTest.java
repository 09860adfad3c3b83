package io.portcullis.web.internal;

import static io.portcullis.web.internal.AccessTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.AuditedRequest;
import io.portcullis.web.RequestAudit;
import io.portcullis.web.Route;
import io.portcullis.web.StreamingBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every API request on the record over real HTTP: one call per request with what the audit needs,
 * whatever the answer, none for health probes, and the failure policy when recording fails.
 */
class RequestAuditTest {

    record Thing(String name) {}

    /** Keeps what it is given; {@code streamWritten} says whether the streamed body was complete by then. */
    static final class Recorder implements RequestAudit {
        final List<AuditedRequest> requests = new CopyOnWriteArrayList<>();
        final List<Boolean> streamWrittenAtRecord = new CopyOnWriteArrayList<>();
        final AtomicBoolean streamWritten;

        Recorder(AtomicBoolean streamWritten) {
            this.streamWritten = streamWritten;
        }

        @Override
        public void record(AuditedRequest request) {
            requests.add(request);
            streamWrittenAtRecord.add(streamWritten.get());
        }

        AuditedRequest only() {
            assertThat(requests).hasSize(1);
            return requests.get(0);
        }
    }

    /** The audit log is down. */
    static final class Failing implements RequestAudit {
        @Override
        public void record(AuditedRequest request) throws Exception {
            throw new Exception("audit log unavailable");
        }
    }

    private static final TestConfig CONFIG = TestConfig.ephemeral(1024)
            .withRateLimits("viewer=2", "default=1000")
            .withAnonymousRatePerMinute(1000);

    private final AtomicBoolean streamWritten = new AtomicBoolean();
    private TestServer server;
    private Http http;
    private Recorder recorder;

    @BeforeEach
    void start() {
        server = new TestServer(CONFIG);
        http = server.http;
        server.component.authenticators().add("fake", "fake", 0, 1, new FakeCallers());
        server.component.addRoutes("audited", "audit test", this::routes);
        recorder = new Recorder(streamWritten);
        server.component.requestAudits().add("recorder", recorder);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<Route> routes() {
        return List.of(
                Route.get("/api/v1/public", r -> new ApiResponse(200, Map.of("public", true), Map.of("ETag", "\"v1\"")))
                        .publicAccess(),
                Route.get(
                        "/api/v1/me",
                        r -> ApiResponse.ok(Map.of("caller", r.caller().id()))),
                Route.get("/api/v1/workspaces/{ws}/members", r -> ApiResponse.ok(Map.of("ws", r.pathParam("ws"))))
                        .requires("workspace:{ws}:members:read"),
                Route.post("/api/v1/things", r -> {
                    Thing thing = r.body(Thing.class);
                    return ApiResponse.created(thing, "/api/v1/things/" + thing.name());
                }),
                Route.get("/api/v1/boom", r -> {
                    throw new IllegalStateException("boom");
                }),
                Route.get(
                        "/api/v1/lines",
                        r -> ApiResponse.stream(new StreamingBody() {
                            @Override
                            public String contentType() {
                                return "application/jsonl";
                            }

                            @Override
                            public void writeTo(OutputStream out) throws IOException {
                                for (int i = 0; i < 10_000; i++) {
                                    out.write(("{\"line\":" + i + "}\n").getBytes(StandardCharsets.US_ASCII));
                                }
                                streamWritten.set(true);
                            }
                        })),
                Route.get("/other", r -> ApiResponse.ok(Map.of())).publicAccess());
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) {
        return http.send(http.request(path)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    @Test
    void anAllowedRequestIsRecordedWithItsTemplateCallerAndRequestId() {
        HttpResponse<String> response = http.send(http.request("/api/v1/workspaces/ws1/members?secret=q")
                .header("Authorization", "Bearer alice-token")
                .header("X-Request-Id", "audit-1")
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        AuditedRequest recorded = recorder.only();
        assertThat(recorded.method()).isEqualTo("GET");
        assertThat(recorded.route()).isEqualTo("/api/v1/workspaces/{ws}/members");
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.caller()).isSameAs(FakeCallers.ALICE);
        assertThat(recorded.requestId()).isEqualTo("audit-1");
        assertThat(recorded.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(recorded.authenticationFailed()).isFalse();
        assertThat(recorded.latencyMillis()).isNotNegative();
        assertThat(recorded.toString()).doesNotContain("secret", "alice-token");
    }

    @Test
    void authenticationFailuresAreRecordedWithoutACallerAlsoOnceTheAddressIsLimited() {
        server.component.modified(CONFIG.withAnonymousRatePerMinute(2));
        HttpResponse<String> none = http.get("/api/v1/me");
        HttpResponse<String> refused = get(http, "/api/v1/me", "Bearer guess-1");
        HttpResponse<String> limited = get(http, "/api/v1/me", "Bearer guess-2");

        assertThat(List.of(none.statusCode(), refused.statusCode(), limited.statusCode()))
                .containsExactly(401, 401, 429);
        assertThat(recorder.requests).extracting(AuditedRequest::status).containsExactly(401, 401, 429);
        assertThat(recorder.requests).allSatisfy(recorded -> {
            assertThat(recorded.authenticationFailed()).isTrue();
            assertThat(recorded.caller()).isNull();
            assertThat(recorded.route()).isEqualTo("/api/v1/me");
        });
        assertThat(recorder.requests)
                .extracting(AuditedRequest::requestId)
                .containsExactly(requestId(none), requestId(refused), requestId(limited));
    }

    @Test
    void aForbiddenRequestIsRecordedWithItsCaller() {
        assertThat(get(http, "/api/v1/workspaces/ws1/members", "Bearer bob-token")
                        .statusCode())
                .isEqualTo(403);

        AuditedRequest recorded = recorder.only();
        assertThat(recorded.status()).isEqualTo(403);
        assertThat(recorded.caller()).isSameAs(FakeCallers.BOB);
        assertThat(recorded.authenticationFailed()).isFalse();
    }

    @Test
    void anotherWorkspaceIs404OnTheCallersRecord() {
        assertThat(get(http, "/api/v1/workspaces/ws2/members", "Bearer alice-token")
                        .statusCode())
                .isEqualTo(404);

        AuditedRequest recorded = recorder.only();
        assertThat(recorded.route()).isEqualTo("/api/v1/workspaces/{ws}/members");
        assertThat(recorded.caller()).isSameAs(FakeCallers.ALICE);
    }

    @Test
    void unmatchedPathsAndMethodsAreRecordedAsUnmatched() {
        assertThat(get(http, "/api/v1/nothing/here", "Bearer alice-token").statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", "/api/v1/me", "Bearer alice-token", "{}").statusCode())
                .isEqualTo(405);
        assertThat(send("FOO", "/api/v1/me", "Bearer alice-token", "").statusCode())
                .isEqualTo(405);

        assertThat(recorder.requests)
                .extracting(AuditedRequest::method, AuditedRequest::route, AuditedRequest::status)
                .containsExactly(
                        tuple("GET", "unmatched", 404),
                        tuple("PUT", "unmatched", 405),
                        tuple("OTHER", "unmatched", 405));
        assertThat(recorder.requests).allSatisfy(recorded -> {
            assertThat(recorded.caller()).isNull(); // no credential is looked at for an unmatched route
            assertThat(recorded.authenticationFailed()).isFalse();
        });
    }

    @Test
    void aBodyTooLargeIsRecorded() {
        String big = "{\"name\":\"" + "x".repeat(2000) + "\"}";
        assertThat(send("POST", "/api/v1/things", "Bearer alice-token", big).statusCode())
                .isEqualTo(413);

        AuditedRequest recorded = recorder.only();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.route()).isEqualTo("/api/v1/things");
        assertThat(recorded.status()).isEqualTo(413);
        assertThat(recorded.caller()).isSameAs(FakeCallers.ALICE);
    }

    @Test
    void aRateLimitedCallerIsRecordedWithItsCaller() {
        for (int i = 0; i < 3; i++) {
            get(http, "/api/v1/me", "Bearer bob-token");
        }

        assertThat(recorder.requests).extracting(AuditedRequest::status).containsExactly(200, 200, 429);
        assertThat(recorder.requests.get(2).caller()).isSameAs(FakeCallers.BOB);
        assertThat(recorder.requests.get(2).authenticationFailed()).isFalse();
    }

    @Test
    void aFailingHandlerIsRecordedAs500() {
        assertThat(get(http, "/api/v1/boom", "Bearer alice-token").statusCode()).isEqualTo(500);

        AuditedRequest recorded = recorder.only();
        assertThat(recorded.route()).isEqualTo("/api/v1/boom");
        assertThat(recorded.status()).isEqualTo(500);
    }

    @Test
    void aStreamedBodyIsRecordedAfterItWasWritten() {
        HttpResponse<String> response = get(http, "/api/v1/lines", "Bearer alice-token");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().split("\n")).hasSize(10_000);
        assertThat(recorder.only().route()).isEqualTo("/api/v1/lines");
        assertThat(recorder.streamWrittenAtRecord).containsExactly(true);
    }

    @Test
    void publicApiRoutesAreRecordedButHealthAndOtherPathsAreNot() {
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(http.get("/other").statusCode()).isEqualTo(200);
        assertThat(http.get("/nothing").statusCode()).isEqualTo(404);
        assertThat(recorder.requests).isEmpty();

        assertThat(http.get("/api/v1/public").statusCode()).isEqualTo(200);
        AuditedRequest recorded = recorder.only();
        assertThat(recorded.caller()).isNull();
        assertThat(recorded.authenticationFailed()).isFalse();
    }

    @Test
    void aReadThatCannotBeRecordedIsAnswered503AndTheOtherAuditsStillRecordIt() {
        server.component.requestAudits().add("failing", new Failing());
        try (LogCapture log = new LogCapture(RequestAuditing.class.getName())) {
            HttpResponse<String> read = http.get("/api/v1/public");
            HttpResponse<String> head = http.send(http.request("/api/v1/public")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build());
            HttpResponse<String> refused = http.get("/api/v1/me");

            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(read.headers().firstValue("ETag")).isEmpty();
            JsonNode body = Http.json(read);
            assertThat(body.get("status").asInt()).isEqualTo(503);
            assertThat(body.get("detail").asText()).isEqualTo("The request could not be put on the record.");
            assertThat(body.get("request_id").asText()).isEqualTo(requestId(read));
            assertThat(read.body()).doesNotContain("\"public\":true");
            assertThat(head.statusCode()).isEqualTo(503);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();

            assertThat(recorder.requests).extracting(AuditedRequest::status).containsExactly(200, 200, 401);
            assertThat(log.lines())
                    .hasSize(3)
                    .first()
                    .asString()
                    .startsWith("ERROR Request '" + requestId(read) + "' (GET /api/v1/public) was answered 503");
        }
        server.component.requestAudits().remove("failing");
        assertThat(http.get("/api/v1/public").statusCode()).isEqualTo(200);
    }

    @Test
    void anActionThatCannotBeRecordedKeepsItsAnswerAndIsLogged() {
        server.component.requestAudits().add("failing", new Failing());
        try (LogCapture log = new LogCapture(RequestAuditing.class.getName())) {
            HttpResponse<String> created = send("POST", "/api/v1/things", "Bearer alice-token", "{\"name\":\"x\"}");

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/things/x");
            assertThat(Http.json(created).get("name").asText()).isEqualTo("x");
            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("ERROR");
                assertThat(event.getFormattedMessage())
                        .isEqualTo("Request '" + requestId(created)
                                + "' (POST /api/v1/things) was answered 201 but could not be put on the record");
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("audit log unavailable");
            });
        }
    }

    @Test
    void aStreamedReadAlreadySentKeepsItsAnswerAndIsLogged() {
        server.component.requestAudits().add("failing", new Failing());
        try (LogCapture log = new LogCapture(RequestAuditing.class.getName())) {
            HttpResponse<String> response = get(http, "/api/v1/lines", "Bearer alice-token");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().split("\n")).hasSize(10_000);
            assertThat(log.lines())
                    .singleElement()
                    .asString()
                    .startsWith("ERROR Request '" + requestId(response)
                            + "' (GET /api/v1/lines) was answered 200 but could not be put on the record");
        }
    }

    @Test
    void withoutAnyAuditRequestsAreAnsweredAsUsual() {
        server.component.requestAudits().remove("recorder");

        assertThat(http.get("/api/v1/public").statusCode()).isEqualTo(200);
        assertThat(recorder.requests).isEmpty();
    }
}
