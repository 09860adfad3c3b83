package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;

/**
 * "Acknowledged means durable": the real distribution is killed with SIGKILL under a trickle of
 * requests and under parallel load; after the restart every request a client saw answered has its
 * {@code http.request} record, the workspace and key created before survive, and the chain verifies.
 * Subclasses choose the database.
 */
public abstract class DurabilityTests {

    private static final Duration START = Duration.ofSeconds(60);

    /** The environment that points the server at the database under test (empty for the default). */
    protected abstract Map<String, String> database(ServerProcess server);

    protected abstract String engine();

    /**
     * One server, killed twice: first after about 20 requests 200 ms apart (the load under which H2 lost
     * records), then after sixteen clients ran as fast as they could for about 5 s. (One server for both
     * keeps the test to three starts.)
     */
    @Test
    public void everyRequestAcknowledgedAtLightOrHeavyLoadSurvivesAKillDashNine() throws Exception {
        int port = Provisioning.freePort();
        try (ServerProcess server = new ServerProcess()) {
            Map<String, String> env = new HashMap<>(database(server));
            env.put("PORTCULLIS_HTTP_PORT", Integer.toString(port));
            server.start(env);
            Http http = new Http(port);
            http.await("/health/ready", 200, START);
            String admin =
                    Files.readString(server.home.resolve("data/admin.key")).strip();
            HttpResponse<String> workspace = http.send(request(port, "/api/v1/workspaces", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Durable\",\"owner\":{\"name\":\"Ada\"}}")));
            assertEquals(workspace.body(), 201, workspace.statusCode());
            String ws = field(workspace.body(), "\"workspace\":{\"id\":\"");
            String owner = field(workspace.body(), "\"key\":\"");

            killAndCheck(
                    server, env, http, port, ws, owner, "light", 1, Duration.ofMillis(200), 20, Duration.ofSeconds(30));
            killAndCheck(
                    server,
                    env,
                    http,
                    port,
                    ws,
                    owner,
                    "heavy",
                    16,
                    Duration.ZERO,
                    Integer.MAX_VALUE,
                    Duration.ofSeconds(5));
            assertEquals(0, server.terminate(Duration.ofSeconds(30)));
        }
    }

    /** Runs the load, kills the server, starts it again and checks every acknowledged request is on record. */
    private void killAndCheck(
            ServerProcess server,
            Map<String, String> env,
            Http http,
            int port,
            String ws,
            String owner,
            String load,
            int clients,
            Duration pause,
            int requestsPerClient,
            Duration duration)
            throws Exception {
        String members = "/api/v1/workspaces/" + ws + "/members";
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                for (int i = 0; i < requestsPerClient && running.get(); i++) {
                    String id = load + "-" + client + "-" + i;
                    try {
                        HttpResponse<String> answer =
                                http.sendOrThrow(request(port, members, owner).header("X-Request-Id", id));
                        if (answer.statusCode() == 200) {
                            acknowledged.add(id);
                        }
                    } catch (Exception connectionGone) {
                        return null;
                    }
                    Thread.sleep(pause.toMillis());
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS);
        server.kill();
        running.set(false);
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue("some requests were answered before the kill: " + acknowledged.size(), acknowledged.size() >= 20);

        server.start(env);
        http.await("/health/ready", 200, START);
        HttpResponse<String> export = http.send(request(port, "/api/v1/workspaces/" + ws + "/audit/export", owner));
        assertEquals("the workspace and its owner's key survived: " + export.body(), 200, export.statusCode());
        Set<String> recorded = new HashSet<>();
        for (String line : export.body().split("\n")) {
            int at = line.indexOf("\"request_id\":\"");
            if (at >= 0) {
                recorded.add(line.substring(at + 14, line.indexOf('"', at + 14)));
            }
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(recorded);
        System.out.println("durability " + engine() + " " + load + " load: " + acknowledged.size()
                + " acknowledged before SIGKILL, " + (acknowledged.size() - lost.size()) + " found after restart");
        assertTrue(
                "acknowledged but not on the record after SIGKILL: " + lost.size() + " of " + acknowledged.size()
                        + ", e.g. " + lost.stream().limit(5).toList(),
                lost.isEmpty());
        HttpResponse<String> verify = http.send(request(port, "/api/v1/workspaces/" + ws + "/audit/verify", owner));
        assertEquals(verify.body(), 200, verify.statusCode());
        assertTrue(verify.body(), verify.body().contains("\"ok\":true"));
    }

    private static HttpRequest.Builder request(int port, String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key);
    }

    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix);
        assertTrue(json, start >= 0);
        start += prefix.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
