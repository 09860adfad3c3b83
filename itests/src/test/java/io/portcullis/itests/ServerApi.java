package io.portcullis.itests;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The server's HTTP API as the tests inside the framework call it: ready before the first call, with
 * the platform administrator's key the server wrote at first start, and workspaces made through the
 * API as a customer would make them. One place for what every API test needs before it asserts.
 */
final class ServerApi {

    /** How long the server may take to become ready. */
    static final Duration READY = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final String base;
    private final String admin;

    /** A workspace made through the API, with the key its owner got. */
    record Workspace(String id, String ownerKey) {}

    private ServerApi(Http http, String base, String admin) {
        this.http = http;
        this.base = base;
        this.admin = admin;
    }

    /** Every route the server serves now: the routes of every registered {@link RouteProvider}. */
    static List<Route> registeredRoutes(BundleContext context) throws Exception {
        List<Route> routes = new ArrayList<>();
        for (ServiceReference<RouteProvider> ref : context.getServiceReferences(RouteProvider.class, null)) {
            routes.addAll(context.getService(ref).routes());
            context.ungetService(ref);
        }
        return routes;
    }

    /** Waits until the server in {@code context}'s framework is ready, then reads the administrator's key. */
    static ServerApi ready(BundleContext context) throws Exception {
        String port = context.getProperty(Provisioning.HTTP_PORT);
        Http http = new Http(Integer.parseInt(port));
        http.await("/health/ready", 200, READY);
        String admin = Files.readString(Path.of(context.getProperty("portcullis.data"), "admin.key"))
                .strip();
        return new ServerApi(http, "http://127.0.0.1:" + port, admin);
    }

    Http http() {
        return http;
    }

    /** The platform administrator's API key. */
    String admin() {
        return admin;
    }

    /** A new workspace named {@code name} plus a unique suffix (names are unique), with an owner called Owner. */
    Workspace workspace(String name) throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/api/v1/workspaces",
                admin,
                "{\"name\":\"" + name + " " + Long.toString(System.nanoTime(), 36)
                        + "\",\"owner\":{\"name\":\"Owner\"}}");
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode body = JSON.readTree(created.body());
        return new Workspace(
                body.path("workspace").path("id").asText(),
                body.path("api_key").path("key").asText());
    }

    /** Uploads a plugin jar as the administrator; the gate's record of it (201 expected). */
    JsonNode upload(Path jar) throws Exception {
        HttpRequest.Builder request = request("/api/v1/plugins", admin)
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofFile(jar));
        HttpResponse<String> response = http.send(request);
        assertEquals(response.body(), 201, response.statusCode());
        return JSON.readTree(response.body());
    }

    /** Uploads jar bytes as the administrator and answers whatever the server says. */
    HttpResponse<String> uploadBytes(byte[] jar) throws Exception {
        HttpRequest.Builder request = request("/api/v1/plugins", admin)
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar));
        return http.send(request);
    }

    /** Grants exactly {@code scopes} to plugin {@code id} as the administrator (200 expected). */
    JsonNode grant(String id, String... scopes) throws Exception {
        return ok(
                "POST",
                "/api/v1/plugins/" + id + "/grant",
                admin,
                JSON.writeValueAsString(java.util.Map.of("scopes", java.util.List.of(scopes))));
    }

    /**
     * Makes plugin {@code id} active with exactly {@code scopes}: uploaded from {@code jar} unless the
     * server knows it, and granted unless it is active already (test classes share one server).
     */
    void activate(String id, Path jar, String... scopes) throws Exception {
        HttpResponse<String> known = send("GET", "/api/v1/plugins/" + id, admin, null);
        if (known.statusCode() == 200
                && JSON.readTree(known.body()).path("status").asText().equals("active")) {
            return;
        }
        if (known.statusCode() == 404) {
            upload(jar);
        }
        assertEquals("active", grant(id, scopes).path("status").asText());
    }

    /** Enables an active plugin in workspace {@code ws}, as its owner. */
    void enable(Workspace ws, String plugin) throws Exception {
        ok("PUT", "/api/v1/workspaces/" + ws.id() + "/plugins/" + plugin, ws.ownerKey(), null);
    }

    /** Sends and expects 200; the answer's JSON. */
    JsonNode ok(String method, String path, String key, String body) throws Exception {
        HttpResponse<String> response = send(method, path, key, body);
        assertEquals(response.body(), 200, response.statusCode());
        return JSON.readTree(response.body());
    }

    /** A request to {@code path} that carries {@code key} as its bearer token. */
    HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key);
    }

    /** Sends {@code body} as JSON, or no body when it is null, with {@code key} as the bearer token. */
    HttpResponse<String> send(String method, String path, String key, String body) {
        return send(method, path, key, body, null);
    }

    /** As {@link #send(String, String, String, String)}, with an {@code X-Request-Id} unless it is null. */
    HttpResponse<String> send(String method, String path, String key, String body, String requestId) {
        HttpRequest.Builder request = request(path, key);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request);
    }
}
