package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Start-up, live configuration edits and shutdown of the real component. */
class WebServerLifecycleTest {

    private static final String LISTENING = "INFO Portcullis listening on http://127.0.0.1:";

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void logsOneListeningLineWithTheBoundPort() {
        try (LogCapture log = new LogCapture(WebServer.class.getName());
                TestServer server = new TestServer(TestConfig.ephemeral(1024))) {
            assertThat(server.port()).isPositive();
            assertThat(log.lines()).containsExactly(LISTENING + server.port());
            assertThat(server.startupFailures).isEmpty();
        }
    }

    @Test
    void portInUseOnTheFirstStartIsReportedOnceAsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicBoolean firstStart = new AtomicBoolean(true);
            TestConfig config = TestConfig.defaults().withPort(taken.getLocalPort());
            try (TestServer first = new TestServer(config, Map.of(), firstStart);
                    TestServer second = new TestServer(config, Map.of(), firstStart)) {
                assertThat(first.startupFailures)
                        .containsExactly(
                                "web: port " + taken.getLocalPort()
                                        + " on 127.0.0.1 is already in use; set PORTCULLIS_HTTP_PORT or port in config/io.portcullis.web.cfg");
                assertThat(first.port()).isEqualTo(-1);
                assertThat(second.startupFailures).isEmpty(); // only the first start is fatal
            }
        }
    }

    @Test
    void invalidConfigurationOnTheFirstStartIsReported() {
        try (TestServer server = new TestServer(
                TestConfig.defaults(), Map.of("PORTCULLIS_HTTP_PORT", "70000"), new AtomicBoolean(true))) {
            assertThat(server.startupFailures)
                    .containsExactly(
                            "web: invalid configuration: port must be 0..65535, was 70000 (from PORTCULLIS_HTTP_PORT)");
            assertThat(server.port()).isEqualTo(-1);
        }
    }

    @Test
    void environmentPortWinsOverTheConfiguration() throws Exception {
        int port = freePort();
        try (TestServer server = new TestServer(
                TestConfig.defaults(),
                Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port)),
                new AtomicBoolean(true))) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.http.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void invalidEditIsRefusedAndTheServerKeepsItsSettings() {
        try (TestServer server = new TestServer(TestConfig.ephemeral(1024));
                LogCapture log = new LogCapture(ConfigurationLog.class.getName())) {
            int port = server.port();

            server.component.modified(TestConfig.ephemeral(0));

            assertThat(log.lines())
                    .singleElement()
                    .satisfies(
                            line -> assertThat(line)
                                    .startsWith(
                                            "WARN Refused the new configuration of 'io.portcullis.web': maxBodyBytes must be 1.."));
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.http
                            .post("/health/live", "application/json", "x".repeat(1000))
                            .statusCode())
                    .as("1000 bytes are still under the old limit")
                    .isEqualTo(405);
        }
    }

    @Test
    void bodyLimitEditAppliesAtOnceWithoutARestart() {
        try (TestServer server = new TestServer(TestConfig.ephemeral(1024))) {
            int port = server.port();
            server.component.addRoutes(
                    "p",
                    "p",
                    () -> java.util.List.of(io.portcullis.web.Route.post(
                                    "/in", r -> io.portcullis.web.ApiResponse.ok(r.body(Map.class)))
                            .publicAccess()));
            assertThat(server.http
                            .post("/in", "application/json", "{\"a\":\"" + "x".repeat(100) + "\"}")
                            .statusCode())
                    .isEqualTo(200);

            server.component.modified(TestConfig.ephemeral(50));

            assertThat(server.port()).isEqualTo(port);
            assertThat(server.http
                            .post("/in", "application/json", "{\"a\":\"" + "x".repeat(100) + "\"}")
                            .statusCode())
                    .isEqualTo(413);
        }
    }

    @Test
    void portEditMovesTheListener() throws Exception {
        try (TestServer server = new TestServer(TestConfig.ephemeral(1024));
                LogCapture log = new LogCapture(WebServer.class.getName())) {
            Http old = server.http;
            int next = freePort();

            server.component.modified(TestConfig.ephemeral(1024).withPort(next));

            assertThat(server.port()).isEqualTo(next);
            assertThat(log.lines()).containsExactly(LISTENING + next);
            assertThat(new Http(next).get("/health/live").statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> old.get("/health/live")).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void aFailedFirstStartIsRetriedByAValidEdit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TestServer server = new TestServer(TestConfig.defaults().withPort(taken.getLocalPort()))) {
            assertThat(server.port()).isEqualTo(-1);

            server.component.modified(TestConfig.ephemeral(1024));

            assertThat(server.port()).isPositive();
            assertThat(new Http(server.port()).get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void deactivateStopsJetty() {
        TestServer server = new TestServer(TestConfig.ephemeral(1024));
        Http http = server.http;
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);

        server.close();

        assertThatThrownBy(() -> http.get("/health/live")).isInstanceOf(UncheckedIOException.class);
    }
}
