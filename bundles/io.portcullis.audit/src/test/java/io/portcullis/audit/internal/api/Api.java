package io.portcullis.audit.internal.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.portcullis.store.Database;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.Route;
import io.portcullis.web.StreamingBody;
import io.portcullis.web.testing.FakeRequest;
import io.portcullis.web.testing.TestCaller;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Calls the audit routes as the web layer would after its permission check: the route is looked up by
 * method and template in {@link AuditRoutes#routes()}, so the tests go through the routes' wiring.
 */
final class Api {

    private final List<Route> routes;

    Api(Database database, Clock clock) {
        this.routes = new AuditRoutes(database, clock).routes();
    }

    /** {@code pathWorkspace} null: the platform routes; else the workspace routes with that {@code {ws}}. */
    ApiResponse call(
            HttpMethod method,
            TestCaller caller,
            @Nullable String pathWorkspace,
            String sub,
            Map<String, String> query,
            String body)
            throws Exception {
        String template = (pathWorkspace == null ? AuditRoutes.PLATFORM_BASE : AuditRoutes.WORKSPACE_BASE) + sub;
        Route route = routes.stream()
                .filter(r -> r.method() == method && r.path().equals(template))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + template));
        Map<String, String> path = new HashMap<>();
        if (pathWorkspace != null) {
            path.put("ws", pathWorkspace);
        }
        return route.handler().handle(new FakeRequest(method, caller, path, query, body));
    }

    /** A GET on the caller's own chain. */
    ApiResponse get(TestCaller caller, String sub, Map<String, String> query) throws Exception {
        return call(HttpMethod.GET, caller, caller.workspace(), sub, query, "");
    }

    Map<String, Object> json(TestCaller caller, String sub, Map<String, String> query) throws Exception {
        return json(get(caller, sub, query));
    }

    static Map<String, Object> json(ApiResponse response) throws Exception {
        return FakeRequest.JSON.readValue(FakeRequest.json(response.body()), new TypeReference<>() {});
    }

    /** The streamed body's lines, each parsed as a JSON object. */
    static List<Map<String, Object>> lines(ApiResponse response) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingBody) response.body()).writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(FakeRequest.JSON.readValue(line, new TypeReference<>() {}));
            }
        }
        return lines;
    }
}
