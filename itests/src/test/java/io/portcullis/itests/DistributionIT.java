package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.Test;

/** The built distribution as a user runs it: bin/portcullis in its own process. */
public class DistributionIT {

    private static final Duration START = Duration.ofSeconds(60);

    @Test
    public void startsHotDeploysReconfiguresLiveAndStopsCleanlyOnSigterm() throws Exception {
        int port = Provisioning.freePort();
        try (ServerProcess server = new ServerProcess()) {
            server.start(Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port)));
            Http http = new Http(port);
            http.await("/health/ready", 200, START);
            assertTrue(server.output(), server.output().contains("listening on http://127.0.0.1:" + port));

            // Hot deploy: the fixture bundle's routes appear, its migrations run on H2.
            Path deployed = server.home.resolve("deploy/fixture.jar");
            Files.copy(Provisioning.fixtureJar(), deployed);
            long copied = System.nanoTime();
            http.await("/fixture/hello", 200, Duration.ofSeconds(10));
            long deployMillis = (System.nanoTime() - copied) / 1_000_000;
            System.out.println("hot deploy: route served " + deployMillis + " ms after the copy");
            assertTrue(http.await("/fixture/engine", 200, Duration.ofSeconds(10)).body().contains("\"marker\":\"h2\""));

            // Live configuration: a smaller body limit applies without a restart.
            String body = "{\"text\":\"" + "x".repeat(200) + "\"}";
            assertEquals(200, http.send("POST", "/fixture/echo", "application/json", body).statusCode());
            Path webConfig = server.home.resolve("config/io.portcullis.web.cfg");
            Files.writeString(webConfig, Files.readString(webConfig).replace("maxBodyBytes = 1048576", "maxBodyBytes = 100"));
            awaitStatus(http, body, 413);

            // Undeploy: the routes go.
            Files.delete(deployed);
            http.await("/fixture/hello", 404, Duration.ofSeconds(10));

            assertEquals("exit code after SIGTERM", 0, server.terminate(Duration.ofSeconds(30)));
            assertFalse("no stack trace in the output:\n" + server.output(), server.output().contains("\tat "));
        }
    }

    @Test
    public void aTakenPortStopsTheStartWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerProcess server = new ServerProcess()) {
            server.start(Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(taken.getLocalPort())));
            assertNotEquals(0, server.awaitExit(START));
            assertTrue(server.output(), server.output().contains("portcullis: web: port " + taken.getLocalPort()));
        }
    }

    @Test
    public void anInvalidSettingIsNamed() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            server.start(Map.of("PORTCULLIS_HTTP_PORT", "eighty"));
            assertNotEquals(0, server.awaitExit(START));
            assertTrue(server.output(), server.output().contains("PORTCULLIS_HTTP_PORT"));
        }
    }

    @Test
    public void anUnwritableDataFolderIsNamed() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path notAFolder = Files.writeString(server.home.resolve("not-a-folder"), "x");
            server.start(Map.of("PORTCULLIS_DATA", notAFolder.toString(), "PORTCULLIS_HTTP_PORT",
                    Integer.toString(Provisioning.freePort())));
            assertEquals(2, server.awaitExit(START));
            assertTrue(server.output(), server.output().contains("portcullis: data folder"));
            assertTrue(server.output(), server.output().contains("not writable"));
        }
    }

    private static void awaitStatus(Http http, String body, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = http.send("POST", "/fixture/echo", "application/json", body).statusCode();
            if (last == status) {
                return;
            }
            Http.sleep(100);
        }
        throw new AssertionError("POST /fixture/echo answered " + last + ", not " + status + ", 10 s after the config edit");
    }
}
