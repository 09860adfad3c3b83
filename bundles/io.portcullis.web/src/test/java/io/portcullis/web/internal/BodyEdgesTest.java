package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edges of a JSON body over real HTTP: a top level that is not an object, an unknown charset and
 * a duplicate key are problems the client caused (4xx), never a 500 from a handler that trusted the
 * parse; and no API answer may be kept by a cache.
 */
class BodyEdgesTest {

    record Thing(String name) {}

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = new TestServer(TestConfig.ephemeral(1024));
        http = server.http;
        server.component.addRoutes(
                "edges",
                "body edge routes",
                () -> List.of(
                        // Like every handler of the server: it trusts that a bound body is there.
                        Route.post(
                                        "/api/v1/things",
                                        request -> ApiResponse.ok(Map.of(
                                                "name",
                                                request.body(Thing.class).name())))
                                .publicAccess(),
                        Route.post(
                                        "/api/v1/trees",
                                        request -> ApiResponse.ok(Map.of(
                                                "size",
                                                request.body(JsonNode.class).size())))
                                .publicAccess(),
                        Route.get("/api/v1/private", request -> ApiResponse.ok(Map.of())),
                        Route.get(
                                        "/api/v1/search",
                                        request -> ApiResponse.ok(Map.of(
                                                "q", request.queryParam("q").orElse(""))))
                                .publicAccess()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        return Http.json(response);
    }

    @Test
    void aTopLevelThatIsNotAnObjectIsABadRequestOnEveryBinding() {
        for (String path : List.of("/api/v1/things", "/api/v1/trees")) {
            for (String body : List.of("null", " null ", "[]", "[{\"name\":\"x\"}]", "3", "\"x\"", "true")) {
                JsonNode problem = problem(http.post(path, "application/json", body), 400);
                assertThat(problem.get("detail").asText())
                        .as(path + " " + body)
                        .isEqualTo("The request body must be a JSON object.");
            }
        }
        assertThat(http.post("/api/v1/things", "application/json", "{\"name\":\"x\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/trees", "application/json", "{\"a\":1,\"b\":2}")
                        .body())
                .isEqualTo("{\"size\":2}");
    }

    @Test
    void aQueryValueWithAControlCharacterIsABadRequestNotADatabaseError() {
        for (String value : List.of("%00", "a%00b", "%0A", "%1F", "%7F")) {
            JsonNode problem = problem(http.get("/api/v1/search?q=" + value), 400);
            assertThat(problem.get("detail").asText())
                    .as(value)
                    .isEqualTo("Query parameter 'q' must not contain control characters.");
        }
        assertThat(http.get("/api/v1/search?q=tool.invoke%20%C3%A9").body()).isEqualTo("{\"q\":\"tool.invoke é\"}");
    }

    @Test
    void aCharsetOtherThanUtf8IsUnsupportedAndNamedAsSuch() {
        for (String type : List.of(
                "application/json; charset=nonsense-42",
                "application/json;charset=\"x\"",
                "application/json; charset=ISO-8859-1")) {
            JsonNode problem = problem(http.post("/api/v1/things", type, "{\"name\":\"x\"}"), 415);
            assertThat(problem.get("detail").asText())
                    .as(type)
                    .isEqualTo("Request body must be encoded in UTF-8 (charset=utf-8 or no charset).");
        }
        assertThat(http.post("/api/v1/things", "application/json; charset=UTF-8", "{\"name\":\"x\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/things", "application/json;charset=\"utf-8\"", "{\"name\":\"x\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/things", "application/json", "{\"name\":\"x\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDuplicateKeyIsABadRequestThatDoesNotEchoTheKey() {
        for (String path : List.of("/api/v1/things", "/api/v1/trees")) {
            JsonNode problem = problem(
                    http.post(path, "application/json", "{\"name\":\"first\",\"name\":\"secret-second\"}"), 400);
            assertThat(problem.get("detail").asText())
                    .as(path)
                    .startsWith("Request body has a duplicate field")
                    .doesNotContain("name")
                    .doesNotContain("secret");
        }
        assertThat(http.post("/api/v1/things", "application/json", "{\"name\":\"first\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyApiAnswerForbidsCaching() {
        List<HttpResponse<String>> answers = List.of(
                http.post("/api/v1/things", "application/json", "{\"name\":\"x\"}"),
                http.post("/api/v1/things", "application/json", "null"),
                http.get("/api/v1/private"),
                http.get("/api/v1/nowhere"),
                http.send(http.request("/api/v1/things").DELETE().build()));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 400, 401, 404, 405);
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().allValues("Cache-Control"))
                    .as(answer.uri() + " " + answer.statusCode())
                    .containsExactly("no-store");
        }
    }
}
