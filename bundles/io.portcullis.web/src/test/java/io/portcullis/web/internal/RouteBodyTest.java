package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-route body limits and raw bodies over real HTTP, on a server whose own limit is 1024 bytes: a
 * route may lower or raise it, and a route that takes raw media types reads exactly the bytes sent.
 */
class RouteBodyTest {

    record Thing(String name) {}

    private static final Set<String> RAW = Set.of("application/octet-stream", "application/java-archive");

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = new TestServer(TestConfig.ephemeral(1024));
        http = server.http;
        server.component.addRoutes(
                "bodies",
                "body routes",
                () -> List.of(
                        Route.post("/small", RouteBodyTest::name).publicAccess().maxBodyBytes(16),
                        Route.post("/large", RouteBodyTest::name).publicAccess().maxBodyBytes(8192),
                        Route.post("/default", RouteBodyTest::name).publicAccess(),
                        Route.post("/upload", request -> {
                                    byte[] bytes = request.bodyBytes(RAW);
                                    return ApiResponse.ok(Map.of("length", bytes.length, "sha256", sha256(bytes)));
                                })
                                .publicAccess()
                                .accepts(RAW)
                                .maxBodyBytes(8192)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiResponse name(io.portcullis.web.ApiRequest request) {
        return ApiResponse.ok(Map.of("length", request.body(Thing.class).name().length()));
    }

    private static String thing(int nameLength) {
        return "{\"name\":\"" + "x".repeat(nameLength) + "\"}";
    }

    @Test
    void aSmallRouteLimitRefusesWhatTheServerWouldTake() {
        HttpResponse<String> declared = http.post("/small", "application/json", thing(100));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(Http.json(declared).get("detail").asText()).isEqualTo("Request body is larger than 16 bytes.");

        HttpRequest chunked = http.request("/small")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(thing(100).getBytes())))
                .build();
        assertThat(http.send(chunked).statusCode()).isEqualTo(413);

        assertThat(http.post("/small", "application/json", thing(2)).statusCode())
                .isEqualTo(200);
        assertThat(http.post("/default", "application/json", thing(100)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aLargeRouteLimitAdmitsABodyOverTheServerDefault() {
        String body = thing(5000);

        HttpResponse<String> declared = http.post("/large", "application/json", body);
        assertThat(declared.statusCode()).isEqualTo(200);
        assertThat(Http.json(declared).get("length").asInt()).isEqualTo(5000);

        HttpRequest chunked = http.request("/large")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes())))
                .build();
        assertThat(http.send(chunked).statusCode()).isEqualTo(200);

        assertThat(http.post("/default", "application/json", body).statusCode()).isEqualTo(413);
        assertThat(http.post("/large", "application/json", thing(9000)).statusCode())
                .isEqualTo(413);
    }

    @Test
    void aRawRouteReadsTheExactBytesOfAnAcceptedType() throws Exception {
        byte[] bytes = new byte[5000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }

        HttpResponse<String> response = upload("application/java-archive", bytes);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("length").asInt()).isEqualTo(5000);
        assertThat(Http.json(response).get("sha256").asText()).isEqualTo(sha256(bytes));
        assertThat(upload("Application/Octet-Stream; foo=bar", bytes).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRawRouteRefusesOtherTypesEmptyBodiesAndBodiesOverItsLimit() {
        HttpResponse<String> json = upload("application/json", "{\"name\":\"x\"}".getBytes());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(Http.json(json).get("detail").asText())
                .isEqualTo("Request body must be of type application/java-archive or application/octet-stream.");
        assertThat(upload("text/plain", new byte[10]).statusCode()).isEqualTo(415);

        HttpResponse<String> untyped = http.send(http.request("/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))
                .build());
        assertThat(untyped.statusCode()).isEqualTo(415);

        HttpResponse<String> empty = upload("application/octet-stream", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Http.json(empty).get("detail").asText()).isEqualTo("Request body is required.");

        assertThat(upload("application/octet-stream", new byte[9000]).statusCode())
                .isEqualTo(413);
    }

    @Test
    void aJsonRouteStillRefusesRawTypes() {
        assertThat(http.post("/large", "application/octet-stream", thing(5)).statusCode())
                .isEqualTo(415);
    }

    private static HttpResponse<String> upload(String type, byte[] bytes) {
        return http.send(http.request("/upload")
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
