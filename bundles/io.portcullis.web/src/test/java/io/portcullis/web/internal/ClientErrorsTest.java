package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A client's protocol errors are one INFO line each, naming the client and the kind, never a stack trace. */
class ClientErrorsTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.withEcho();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> protocolErrors() {
        return Stream.of(
                Arguments.of("bad HTTP version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", "505 HTTP Version Not Supported"),
                Arguments.of(
                        "garbage request line", "GARBAGE GARBAGE GARBAGE\r\n\r\n", "505 HTTP Version Not Supported"),
                Arguments.of("control bytes", "\u0001\u0002\u0003\r\n\r\n", "400 Bad Request"),
                Arguments.of(
                        "header flood",
                        "GET / HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(5000) + "\r\n",
                        "431 Request Header Fields Too Large"),
                Arguments.of(
                        "header without a colon",
                        "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                        "400 Bad Request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolErrors")
    void aProtocolErrorIsOneInfoLine(String name, String request, String kind) throws Exception {
        try (LogCapture log = new LogCapture("ROOT")) {
            String answer = server.http.raw(request);

            assertThat(answer).startsWith("HTTP/1.1 " + kind.substring(0, 3) + " ");
            assertOneClientLine(log, "Refused a malformed request from '127.0.0.1': " + kind);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolErrors")
    void theServerStillAnswersAfterwards(String name, String request, String kind) throws Exception {
        server.http.raw(request);

        assertThat(server.http.post("/echo", "application/json", "{\"a\":1}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aClientLeavingMidBodyIsOneInfoLine() throws Exception {
        try (LogCapture log = new LogCapture("ROOT")) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100"
                                + "\r\n\r\n{\"a\":")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }

            awaitClientLine(log);
            assertOneClientLine(log, "The client '127.0.0.1' went away before its request body to /echo was complete");
        }
    }

    private static void assertOneClientLine(LogCapture log, String expected) {
        awaitClientLine(log);
        List<ILoggingEvent> events = log.events();
        assertThat(events).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(events).allMatch(e -> e.getThrowableProxy() == null);
        assertThat(events.stream()
                        .filter(e -> e.getLoggerName().equals(ClientErrors.LOGGER))
                        .map(e -> e.getLevel() + " " + e.getFormattedMessage()))
                .containsExactly("INFO " + expected);
    }

    /** The line is written on the server's thread, possibly after the client has its answer. */
    private static void awaitClientLine(LogCapture log) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (log.events().stream().noneMatch(e -> e.getLoggerName().equals(ClientErrors.LOGGER))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
