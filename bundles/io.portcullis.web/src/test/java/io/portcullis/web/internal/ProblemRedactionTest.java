package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Problem texts pass the vault's redactor before they leave the server, once one is registered. */
class ProblemRedactionTest {

    private static final String CANARY = "canary-sk-7f3a9c";
    private static final String MARKER = "[REDACTED:test]";

    /** Like the vault's: replaces what it knows, and returns the same instance when nothing matched. */
    private static final UnaryOperator<String> REDACTOR =
            text -> text.contains(CANARY) ? text.replace(CANARY, MARKER) : text;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(TestConfig.ephemeral(1024));
        server.component.addRoutes(
                "leaky",
                "leaky routes",
                () -> List.of(Route.get("/leaky", request -> {
                            throw new ProblemException(
                                    422, "Key " + CANARY, "The upstream refused key " + CANARY + ".");
                        })
                        .publicAccess()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void withdraw() {
        server.component.unsetRedactor(REDACTOR);
    }

    @Test
    void aProblemDetailAndTitleCarryNoSecretOnceARedactorIsRegistered() {
        server.component.setRedactor(REDACTOR);

        HttpResponse<String> response = server.http.get("/leaky");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = Http.json(response);
        assertThat(body.get("title").asText()).isEqualTo("Key " + MARKER);
        assertThat(body.get("detail").asText()).isEqualTo("The upstream refused key " + MARKER + ".");
        assertThat(body.get("status").asInt()).isEqualTo(422);
        assertThat(response.body()).doesNotContain(CANARY);
    }

    @Test
    void withoutARedactorTheTextsAreSentAsTheyWere() {
        HttpResponse<String> response = server.http.get("/leaky");

        JsonNode body = Http.json(response);
        assertThat(body.get("detail").asText()).isEqualTo("The upstream refused key " + CANARY + ".");
        assertThat(body.get("title").asText()).isEqualTo("Key " + CANARY);
    }

    @Test
    void theRequestPathInInstanceIsRedactedToo() {
        server.component.setRedactor(REDACTOR);

        HttpResponse<String> response = server.http.get("/unknown/" + CANARY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.json(response).get("instance").asText()).isEqualTo("/unknown/" + MARKER);
        assertThat(response.body()).doesNotContain(CANARY);
    }

    @Test
    void aProblemFromJettysErrorHandlerIsRedactedToo() throws Exception {
        // Jetty refuses a backslash in the path itself; its error handler names the path as instance.
        String request = "GET /" + CANARY + "/a\\b HTTP/1.1\r\nHost: x\r\n\r\n";
        String unredacted = server.http.rawOne(request);
        server.component.setRedactor(REDACTOR);

        String answer = server.http.rawOne(request);

        assertThat(unredacted).startsWith("HTTP/1.1 400 ").contains("\"instance\":\"/" + CANARY);
        assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("application/problem+json");
        assertThat(answer).doesNotContain(CANARY).contains("\"instance\":\"/" + MARKER);
    }

    @Test
    void aFailingRedactorWithholdsTheTextInsteadOfSendingIt() {
        UnaryOperator<String> failing = text -> {
            throw new IllegalStateException("cannot redact " + text);
        };
        server.component.setRedactor(failing);
        try (LogCapture log = new LogCapture(Redaction.class.getName())) {
            HttpResponse<String> response = server.http.get("/leaky");

            JsonNode body = Http.json(response);
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(body.get("detail").asText()).isEqualTo(Redaction.WITHHELD);
            assertThat(body.get("title").asText()).isEqualTo(Redaction.WITHHELD);
            assertThat(response.body()).doesNotContain(CANARY, "cannot redact");
            assertThat(log.lines())
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain(CANARY));
        } finally {
            server.component.unsetRedactor(failing);
        }
    }
}
