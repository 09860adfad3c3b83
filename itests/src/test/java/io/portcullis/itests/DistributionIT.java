package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.Test;

/** The built distribution as a user runs it: bin/portcullis in its own process. */
public class DistributionIT {

    private static final Duration START = Duration.ofSeconds(60);

    @Test
    public void startsGatesAHotDeployedPluginReconfiguresLiveAndStopsCleanlyOnSigterm() throws Exception {
        int port = Provisioning.freePort();
        try (ServerProcess server = new ServerProcess()) {
            server.start(Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port)));
            Http http = new Http(port);
            http.await("/health/ready", 200, START);
            assertTrue(server.output(), server.output().contains("listening on http://127.0.0.1:" + port));

            // Hot deploy through the gate: a plugin dropped into deploy/ waits for a grant, then runs.
            String admin =
                    Files.readString(server.home.resolve("data/admin.key")).strip();
            String plugin = "/api/v1/plugins/io.portcullis.itest.plugin.marker";
            Path deployed = server.home.resolve("deploy/marker.jar");
            Files.copy(Provisioning.pluginJar("io.portcullis.itest.plugin.marker"), deployed);
            long copied = System.nanoTime();
            awaitAnswer(() -> http.send(authorized(port, plugin, admin)), "\"status\":\"pending\"");
            System.out.println(
                    "hot deploy: plugin pending " + (System.nanoTime() - copied) / 1_000_000 + " ms after the copy");
            HttpResponse<String> granted =
                    http.send(bearer(port, plugin + "/grant", admin, "{\"scopes\":[\"net.egress\"]}"));
            assertEquals(granted.body(), 200, granted.statusCode());
            assertTrue(granted.body(), granted.body().contains("\"status\":\"active\""));

            // A restart brings the granted plugin back, started by the gate from the framework cache.
            assertEquals(0, server.terminate(Duration.ofSeconds(30)));
            server.start(Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port)));
            http.await("/health/ready", 200, START);
            awaitAnswer(() -> http.send(authorized(port, plugin, admin)), "\"status\":\"active\"");

            // Live configuration: a smaller body limit applies without a restart.
            String body = "{\"name\":\"" + "x".repeat(200) + "\"}";
            assertNotEquals(
                    413,
                    http.send(bearer(port, "/api/v1/workspaces", admin, body)).statusCode());
            Path webConfig = server.home.resolve("config/io.portcullis.web.cfg");
            Files.writeString(
                    webConfig, Files.readString(webConfig).replace("maxBodyBytes = 1048576", "maxBodyBytes = 100"));
            awaitAnswer(() -> http.send(bearer(port, "/api/v1/workspaces", admin, body)), "\"status\":413");

            // Undeploy: the plugin goes.
            Files.delete(deployed);
            awaitAnswer(() -> http.send(authorized(port, plugin, admin)), "\"status\":404");

            assertEquals("exit code after SIGTERM", 0, server.terminate(Duration.ofSeconds(30)));
            assertFalse(
                    "no stack trace in the output:\n" + server.output(),
                    server.output().contains("\tat "));
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
            server.start(Map.of(
                    "PORTCULLIS_DATA",
                    notAFolder.toString(),
                    "PORTCULLIS_HTTP_PORT",
                    Integer.toString(Provisioning.freePort())));
            assertEquals(2, server.awaitExit(START));
            assertTrue(server.output(), server.output().contains("portcullis: data folder"));
            assertTrue(server.output(), server.output().contains("not writable"));
        }
    }

    @Test
    public void theMasterKeyIsGeneratedGuardedRotatedAndAWrongOneRefusesTheStart() throws Exception {
        int port = Provisioning.freePort();
        Map<String, String> env = Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port));
        try (ServerProcess server = new ServerProcess()) {
            server.start(env);
            Http http = new Http(port);
            http.await("/health/ready", 200, START);
            Path keyFile = server.home.resolve("data/master.key");
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keyFile));
            assertTrue(server.output(), server.output().contains("BACK THIS FILE UP"));
            String firstKey = Files.readString(keyFile).strip();

            // A credential, so that a data key exists under the master key.
            String admin =
                    Files.readString(server.home.resolve("data/admin.key")).strip();
            HttpResponse<String> workspace = http.send(
                    bearer(port, "/api/v1/workspaces", admin, "{\"name\":\"Keys\",\"owner\":{\"name\":\"Ada\"}}"));
            assertEquals(workspace.body(), 201, workspace.statusCode());
            String ws = field(workspace.body(), "\"workspace\":{\"id\":\"");
            String owner = field(workspace.body(), "\"key\":\"");
            String canary = "canary" + System.nanoTime() + "x" + System.identityHashCode(this);
            HttpResponse<String> credential = http.send(bearer(
                    port,
                    "/api/v1/workspaces/" + ws + "/credentials",
                    owner,
                    "{\"name\":\"k\",\"kind\":\"api_key\",\"value\":\"" + canary + "\"}"));
            assertEquals(credential.body(), 201, credential.statusCode());

            // Rotation while serving: a new key file replaces the old one, the credential stays readable.
            HttpResponse<String> rotation = http.send(bearer(port, "/api/v1/vault/master-key/rotation", admin, "{}"));
            assertEquals(rotation.body(), 202, rotation.statusCode());
            awaitRotation(http, port, admin);
            assertFalse(Files.exists(server.home.resolve("data/master.key.next")));
            String secondKey = Files.readString(keyFile).strip();
            assertNotEquals(firstKey, secondKey);
            assertEquals(0, server.terminate(Duration.ofSeconds(30)));

            // The old key no longer opens the data keys: the start is refused, naming the vault.
            server.start(Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port), "PORTCULLIS_MASTER_KEY", firstKey));
            assertEquals(2, server.awaitExit(START));
            assertTrue(server.output(), server.output().contains("portcullis: vault: the master key"));

            // A key file others can read is refused too.
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
            server.start(env);
            assertEquals(2, server.awaitExit(START));
            assertTrue(server.output(), server.output().contains("accessible by group or others"));

            // The right key, guarded again: the server starts and still reads the credential.
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            server.start(env);
            http.await("/health/ready", 200, START);
            HttpResponse<String> list = http.send(authorized(port, "/api/v1/workspaces/" + ws + "/credentials", owner));
            assertEquals(list.body(), 200, list.statusCode());
            assertTrue(list.body(), list.body().contains("\"fingerprint\":\"fp_"));
            assertEquals(0, server.terminate(Duration.ofSeconds(30)));

            String output = server.output();
            for (String secret : new String[] {canary, firstKey, secondKey, owner, admin}) {
                assertFalse("the server's output shows a secret", output.contains(secret));
            }
        }
    }

    private static void awaitRotation(Http http, int port, String admin) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = http.send(authorized(port, "/api/v1/vault/master-key/rotation", admin))
                    .body();
            if (last.contains("\"state\":\"completed\"")) {
                return;
            }
            Http.sleep(100);
        }
        throw new AssertionError("the rotation did not complete: " + last);
    }

    private static HttpRequest.Builder bearer(int port, String path, String key, String json) {
        return authorized(port, path, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** A request to the server on {@code port} with {@code key} as the bearer credential; GET unless changed. */
    private static HttpRequest.Builder authorized(int port, String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key);
    }

    /** The string value that follows {@code prefix} in {@code json}. */
    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix);
        assertTrue(json, start >= 0);
        start += prefix.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** Polls {@code request} for up to 10 s until its body contains {@code expected}. */
    private static void awaitAnswer(java.util.function.Supplier<HttpResponse<String>> request, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = request.get().body();
            if (last.contains(expected)) {
                return;
            }
            Http.sleep(100);
        }
        throw new AssertionError("no answer with " + expected + " within 10 s; the last was " + last);
    }
}
