package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests that Jetty refuses before Javalin sees them still get problem+json, never HTML. */
class JettyErrorsTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.withEcho();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                Arguments.of("bad percent-encoding", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("path escaping the root", "GET /a/../../b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("malformed request line", "BLAH\r\n\r\n", 400),
                Arguments.of("no Host header", "GET / HTTP/1.1\r\n\r\n", 400),
                Arguments.of(
                        "headers too large",
                        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                        431),
                Arguments.of("URI too long", "GET /" + "b".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                Arguments.of(
                        "two Content-Lengths",
                        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                        400),
                Arguments.of(
                        "broken chunk",
                        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                + "Content-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
                        400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void answersAreProblemJson(String name, String request, int status) throws Exception {
        String answer = server.http.raw(request);

        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        assertThat(head)
                .containsIgnoringCase("Content-Type: application/problem+json")
                .containsIgnoringCase("X-Request-Id: ");
        JsonNode body = Json.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).isEqualTo("about:blank");
        assertThat(body.get("request_id").asText()).isNotBlank();
        assertThat(answer).doesNotContainIgnoringCase("<html").doesNotContain("jetty", "Exception");
    }
}
