package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.StreamingBody;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server over real HTTP: routing, every problem case, request ids and the request log. */
class WebServerHttpTest {

    record Thing(String name, int count) {}

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = new TestServer(TestConfig.ephemeral(1024));
        http = server.http;
        server.component.addRoutes(
                "things",
                "test things",
                () -> List.of(
                        Route.get("/things/{id}", request -> ApiResponse.ok(Map.of("id", request.pathParam("id"))))
                                .publicAccess(),
                        Route.get("/things/special", request -> ApiResponse.ok(Map.of("special", true)))
                                .publicAccess(),
                        Route.get(
                                        "/lines",
                                        request -> ApiResponse.stream(new StreamingBody() {
                                            @Override
                                            public String contentType() {
                                                return "application/jsonl";
                                            }

                                            @Override
                                            public void writeTo(java.io.OutputStream out) throws java.io.IOException {
                                                for (int i = 0; i < 100_000; i++) { // ~2 MB, more than any buffer
                                                    out.write(("{\"line\":" + i + "}\n")
                                                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                                                }
                                            }
                                        }))
                                .publicAccess(),
                        Route.post("/things", request -> {
                                    Thing thing = request.body(Thing.class);
                                    return ApiResponse.created(thing, "/things/" + thing.name());
                                })
                                .publicAccess(),
                        Route.get("/boom", request -> {
                                    throw new IllegalStateException("secret-token-123 leaked");
                                })
                                .publicAccess(),
                        Route.delete("/things/{id}", request -> {
                                    throw ProblemException.conflict("Thing is in use.");
                                })
                                .publicAccess()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every error answer: problem+json, a request id echoed in header and body, the path as instance. */
    private static JsonNode problem(HttpResponse<String> response, int status, String path) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        JsonNode body = Http.json(response);
        assertThat(body.get("type").asText()).isEqualTo("about:blank");
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("instance").asText()).isEqualTo(path);
        assertThat(body.get("request_id").asText()).isEqualTo(requestId);
        assertThat(response.body()).doesNotContain("<html", "\tat ", "Exception");
        return body;
    }

    @Test
    void routesMatchWithDecodedParametersAndLiteralsFirst() {
        HttpResponse<String> response = http.get("/things/a%20b");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Http.json(response).get("id").asText()).isEqualTo("a b");
        assertThat(Http.json(http.get("/things/special")).get("special").asBoolean())
                .isTrue();
    }

    @Test
    void aStreamingBodyArrivesWholeWithItsContentType() {
        HttpResponse<String> response = http.get("/lines");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/jsonl"));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(100_000);
        assertThat(lines[99_999]).isEqualTo("{\"line\":99999}");
    }

    @Test
    void headIsAnsweredByTheGetRouteWithoutABody() {
        HttpResponse<String> head = http.send(http.request("/things/1")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void unknownRouteIs404() {
        problem(http.get("/nothing/here"), 404, "/nothing/here");
        problem(http.get("/things/1/"), 404, "/things/1/");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> put = http.send(http.request("/things/1")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        problem(put, 405, "/things/1");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, DELETE");

        // Javalin mounts nothing for unknown methods; the answer is the same.
        HttpResponse<String> foo = http.send(http.request("/things/1")
                .method("FOO", HttpRequest.BodyPublishers.noBody())
                .build());
        problem(foo, 405, "/things/1");
        assertThat(foo.headers().firstValue("Allow")).hasValue("GET, DELETE");
        problem(
                http.send(http.request("/nowhere")
                        .method("FOO", HttpRequest.BodyPublishers.noBody())
                        .build()),
                404,
                "/nowhere");
    }

    @Test
    void validBodyIsBound() {
        HttpResponse<String> response =
                http.post("/things", "application/json; charset=utf-8", "{\"name\":\"x\",\"count\":2}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/things/x");
        assertThat(Http.json(response).get("count").asInt()).isEqualTo(2);
    }

    @Test
    void malformedJsonIs400WithALocationButNotTheInput() {
        JsonNode body = problem(http.post("/things", "application/json", "{\"name\": sekrit-value}"), 400, "/things");

        assertThat(body.get("detail").asText())
                .startsWith("Request body is not valid JSON (line 1, column ")
                .doesNotContain("sekrit");
    }

    @Test
    void bodyThatDoesNotFitIs400NamingTheFieldButNotTheValue() {
        JsonNode wrongType = problem(
                http.post("/things", "application/json", "{\"name\":\"x\",\"count\":\"many-secret\"}"), 400, "/things");
        assertThat(wrongType.get("detail").asText()).contains("'count'").doesNotContain("many-secret");

        JsonNode unknown = problem(
                http.post("/things", "application/json", "{\"name\":\"x\",\"count\":1,\"extra\":\"hidden-value\"}"),
                400,
                "/things");
        assertThat(unknown.get("detail").asText()).contains("'extra'").doesNotContain("hidden-value");

        JsonNode empty = problem(http.post("/things", "application/json", ""), 400, "/things");
        assertThat(empty.get("detail").asText()).isEqualTo("Request body is required.");
    }

    @Test
    void bodyOverTheLimitIs413WithOrWithoutContentLength() {
        String big = "{\"name\":\"" + "x".repeat(2000) + "\",\"count\":1}";
        problem(http.post("/things", "application/json", big), 413, "/things");

        HttpRequest chunked = http.request("/things")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build();
        JsonNode body = problem(http.send(chunked), 413, "/things");
        assertThat(body.get("detail").asText()).isEqualTo("Request body is larger than 1024 bytes.");
    }

    @Test
    void nonJsonBodyIs415() {
        problem(http.post("/things", "text/plain", "name=x"), 415, "/things");
        assertThat(http.post("/things", "application/merge-patch+json", "{\"name\":\"x\",\"count\":1}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void unexpectedExceptionIs500WithoutItsMessageAndIsLoggedWithTheRequestId() {
        try (LogCapture log = new LogCapture(Problems.class.getName())) {
            HttpResponse<String> response = http.get("/boom");

            JsonNode body = problem(response, 500, "/boom");
            assertThat(body.get("detail").asText()).isEqualTo(Problems.INTERNAL_DETAIL);
            assertThat(response.body()).doesNotContain("secret-token", "IllegalState");
            String requestId = body.get("request_id").asText();
            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("ERROR");
                assertThat(event.getFormattedMessage()).contains(requestId);
                assertThat(event.getThrowableProxy().getMessage()).contains("secret-token-123");
            });
        }
    }

    @Test
    void problemExceptionKeepsItsStatusTitleAndDetail() {
        JsonNode body = problem(http.send(http.request("/things/1").DELETE().build()), 409, "/things/1");

        assertThat(body.get("title").asText()).isEqualTo("Conflict");
        assertThat(body.get("detail").asText()).isEqualTo("Thing is in use.");
    }

    @Test
    void validClientRequestIdIsEchoedAndAnInvalidOneReplaced() {
        HttpResponse<String> valid = http.send(http.request("/things/1")
                .header("X-Request-Id", "abc-123.X:y_z")
                .build());
        assertThat(valid.headers().firstValue("X-Request-Id")).hasValue("abc-123.X:y_z");

        HttpResponse<String> invalid = http.send(
                http.request("/nope").header("X-Request-Id", "bad id<script>").build());
        String replaced = invalid.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(replaced).matches("[A-Za-z0-9_-]{22}");
        assertThat(Http.json(invalid).get("request_id").asText()).isEqualTo(replaced);

        HttpResponse<String> tooLong = http.send(http.request("/things/1")
                .header("X-Request-Id", "a".repeat(129))
                .build());
        assertThat(tooLong.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(22));
    }

    @Test
    void routesComeAndGoWithTheirProvider() {
        assertThat(http.get("/late").statusCode()).isEqualTo(404);
        server.component.addRoutes(
                "late",
                "late provider",
                () -> List.of(Route.get("/late", r -> ApiResponse.ok(Map.of())).publicAccess()));
        assertThat(http.get("/late").statusCode()).isEqualTo(200);
        assertThat(http.get("/late").body()).isEqualTo("{}");

        server.component.removeRoutes("late");

        problem(http.get("/late"), 404, "/late");
    }

    @Test
    void oneRequestLogLinePerRequestWithTheTemplateAndNoQuery() {
        try (LogCapture log = new LogCapture("io.portcullis.web.request")) {
            http.send(http.request("/things/42?token=query-secret")
                    .header("X-Request-Id", "log-test-1")
                    .build());
            http.get("/unmatched?x=1");

            log.awaitLines(2);
            assertThat(log.lines()).hasSize(2);
            assertThat(log.lines().get(0))
                    .matches(
                            "INFO method=GET route=/things/\\{id} status=200 latency_ms=\\d+ request_id=log-test-1 workspace=-");
            assertThat(log.lines().get(1))
                    .matches("INFO method=GET route=- status=404 latency_ms=\\d+ request_id=\\S+ workspace=-");
            assertThat(String.join("\n", log.lines())).doesNotContain("query-secret", "42", "x=1");
        }
    }
}
