package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A body trickled in is cut off at the deadline with a 408, counted; a normal body is not. */
class SlowBodyTest {

    private static final String HEAD =
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + "Content-Length: 100\r\n\r\n";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(TestConfig.ephemeral(1024).withRequestBodyTimeoutSeconds(2));
        server.component.addRoutes(
                "echo",
                "echo",
                () -> List.of(Route.post("/echo", request -> ApiResponse.ok(request.body(Map.class)))
                        .publicAccess()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBodyTrickledAtOneBytePerSecondIsCutOffWith408AndCounted() throws Exception {
        long before = ClientErrors.slowBodies();
        try (LogCapture log = new LogCapture(ClientErrors.LOGGER);
                Socket socket = new Socket("127.0.0.1", server.port())) {
            Thread trickle = trickle(socket);

            String answer = Http.readAnswer(socket, 30_000);
            trickle.interrupt();

            assertThat(answer).startsWith("HTTP/1.1 408 ");
            assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(answer).contains("\"status\":408", "did not arrive within 2 seconds");
            assertThat(ClientErrors.slowBodies()).isEqualTo(before + 1);
            assertThat(log.lines())
                    .singleElement()
                    .asString()
                    .startsWith("INFO Cut off a slow request body from '127.0.0.1' to /echo")
                    .endsWith("slow bodies cut off since start: " + (before + 1));
        }
        assertThat(server.http.post("/echo", "application/json", "{\"a\":1}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aClientThatSendsNoBodyAtAllIsCutOffToo() throws Exception {
        long before = ClientErrors.slowBodies();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(HEAD.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            String answer = Http.readAnswer(socket, 30_000);

            // Jetty's idle timeout ends the read; the answer is a 408, or at least the connection closes.
            assertThat(answer)
                    .satisfiesAnyOf(
                            a -> assertThat(a).startsWith("HTTP/1.1 408 "),
                            a -> assertThat(a).isEmpty());
        }
        assertThat(ClientErrors.slowBodies()).isEqualTo(before + 1);
    }

    @Test
    void aBodyThatArrivesInTimeIsServed() {
        assertThat(server.http
                        .post("/echo", "application/json", "{\"a\":" + "1".repeat(90) + "}")
                        .statusCode())
                .isEqualTo(200);
    }

    /** Sends the head, then one byte a second until interrupted or the server closes. */
    private static Thread trickle(Socket socket) {
        Thread thread = new Thread(
                () -> {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(HEAD.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        for (int i = 0; i < 100; i++) {
                            out.write(i == 0 ? '{' : ' ');
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the server cut us off, or the test is done
                    }
                },
                "trickle");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
