package io.portcullis.web.internal;

import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@code GET /api/v1/openapi.json}: the API description of the routes served right now,
 * rebuilt when the route set changes. It holds no data, but it tells which plugins are installed and
 * what they serve, so it is for authenticated callers only, like every route that does not say otherwise.
 */
final class ApiDocRoutes {

    /** The version of the API the paths name ({@code /api/v1}). */
    static final String API_VERSION = "1";

    private record Cached(Object version, Map<String, Object> document) {}

    private final RouteTable table;
    private final AtomicReference<@Nullable Cached> cache = new AtomicReference<>();

    ApiDocRoutes(RouteTable table) {
        this.table = table;
    }

    List<Route> routes() {
        return List.of(Route.get(OpenApi.PATH, request -> ApiResponse.ok(document()))
                .summary("The OpenAPI 3.1 description of every route served now")
                .response(Map.class));
    }

    /**
     * The version is read before the routes: should they change in between, the document is kept under
     * the older key and rebuilt at the next request, never served stale.
     */
    Map<String, Object> document() {
        Object version = table.version();
        Cached cached = cache.get();
        if (cached == null || cached.version() != version) {
            cached = new Cached(version, OpenApi.document(table.described(), API_VERSION));
            cache.set(cached);
        }
        return cached.document();
    }
}
