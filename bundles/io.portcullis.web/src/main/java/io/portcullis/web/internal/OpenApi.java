package io.portcullis.web.internal;

import static io.portcullis.web.internal.JsonSchemas.map;

import io.portcullis.web.Access;
import io.portcullis.web.PageRequest;
import io.portcullis.web.Route;
import io.portcullis.web.RouteDoc;
import io.portcullis.web.internal.JsonSchemas.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAPI 3.1 document of the routes served right now: one operation per route, with its path and
 * query parameters, request and response schemas ({@link JsonSchemas}), the permission it requires
 * ({@code x-required-permission}) and the RFC 9457 problems it can answer. Built from the route table's
 * snapshot, so plugins' routes appear and disappear with their bundles.
 */
final class OpenApi {

    static final String PATH = "/api/v1/openapi.json";
    static final String PROBLEM_JSON = Json.PROBLEM_JSON;
    private static final String SECURITY_SCHEME = "apiKey";

    /** A route and the bundle that contributed it, as the route table knows them. */
    record Entry(Route route, List<String> pathParams, String owner) {}

    private final JsonSchemas schemas = new JsonSchemas(Json.MAPPER);
    private final Set<Integer> problemStatuses = new TreeSet<>();
    private final Set<String> operationIds = new java.util.HashSet<>();

    private OpenApi() {}

    /** The document of {@code entries}; {@code version} is the API's version string. */
    static Map<String, Object> document(List<Entry> entries, String version) {
        return new OpenApi().build(entries, version);
    }

    private Map<String, Object> build(List<Entry> entries, String version) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((Entry e) -> e.route().path())
                .thenComparing(e -> e.route().method()));
        Map<String, Object> paths = new LinkedHashMap<>();
        Set<String> tags = new TreeSet<>();
        for (Entry entry : sorted) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>)
                    paths.computeIfAbsent(entry.route().path(), p -> new LinkedHashMap<String, Object>());
            item.put(entry.route().method().name().toLowerCase(Locale.ROOT), operation(entry));
            tags.add(entry.owner());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", map("title", "Portcullis API", "version", version, "description", INFO));
        document.put("servers", List.of(map("url", "/")));
        document.put("security", List.of(map(SECURITY_SCHEME, List.of())));
        document.put("tags", tags.stream().map(tag -> map("name", tag)).toList());
        document.put("paths", paths);
        document.put("components", components());
        return document;
    }

    private Map<String, Object> operation(Entry entry) {
        Route route = entry.route();
        RouteDoc doc = route.doc();
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("tags", List.of(entry.owner()));
        if (!doc.summary().isEmpty()) {
            operation.put("summary", doc.summary());
        }
        operation.put("description", description(route));
        operation.put("operationId", uniqueOperationId(route));
        List<Object> parameters = parameters(entry);
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        Map<String, Object> body = requestBody(route);
        if (body != null) {
            operation.put("requestBody", body);
        }
        operation.put("responses", responses(entry));
        Access access = route.access();
        if (access.anonymous()) {
            operation.put("security", List.of());
        }
        if (access.permission() != null) {
            operation.put("x-required-permission", access.permission());
        }
        return operation;
    }

    private static String description(Route route) {
        String who = route.access().anonymous()
                ? "Public: no credential is asked for."
                : route.access().permission() == null
                        ? "Any authenticated caller."
                        : "Requires the permission `" + route.access().permission() + "`"
                                + (route.access().workspaceBound()
                                        ? " in the caller's own workspace (any other answers 404)."
                                        : ".");
        return route.doc().description().isEmpty() ? who : route.doc().description() + "\n\n" + who;
    }

    /** {@code GET /api/v1/workspaces/{ws}} is {@code get_api_v1_workspaces_ws}; a suffix parts look-alikes. */
    private String uniqueOperationId(Route route) {
        String base = route.method().name().toLowerCase(Locale.ROOT)
                + route.path().replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_");
        String id = base;
        for (int n = 2; !operationIds.add(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    private static List<Object> parameters(Entry entry) {
        List<Object> parameters = new ArrayList<>();
        for (String name : entry.pathParams()) {
            parameters.add(map("name", name, "in", "path", "required", true, "schema", map("type", "string")));
        }
        RouteDoc doc = entry.route().doc();
        if (doc.paged()) {
            parameters.add(map(
                    "name",
                    "limit",
                    "in",
                    "query",
                    "required",
                    false,
                    "description",
                    "Items on the page.",
                    "schema",
                    map("type", "integer", "minimum", 1, "maximum", PageRequest.MAX, "default", PageRequest.DEFAULT)));
            parameters.add(map(
                    "name",
                    "cursor",
                    "in",
                    "query",
                    "required",
                    false,
                    "description",
                    "The next_cursor of the previous page; none for the first page.",
                    "schema",
                    map("type", "string")));
        }
        for (String parameter : doc.queryParameters()) {
            int colon = parameter.indexOf(':');
            String name = colon < 0 ? parameter : parameter.substring(0, colon).strip();
            Map<String, Object> described = map("name", name, "in", "query", "required", false);
            if (colon >= 0) {
                described.put("description", parameter.substring(colon + 1).strip());
            }
            described.put("schema", map("type", "string"));
            parameters.add(described);
        }
        return parameters;
    }

    private @Nullable Map<String, Object> requestBody(Route route) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : new TreeSet<>(route.mediaTypes())) {
            content.put(type, map("schema", map("type", "string", "contentMediaType", type)));
        }
        Class<?> request = route.doc().request();
        if (request != null) {
            content.put(Json.JSON, map("schema", schemas.of(request, Direction.REQUEST)));
        }
        return content.isEmpty() ? null : map("required", true, "content", content);
    }

    private Map<String, Object> responses(Entry entry) {
        Route route = entry.route();
        RouteDoc doc = route.doc();
        Map<String, Object> responses = new TreeMap<>();
        Map<String, Object> success = map("description", doc.summary().isEmpty() ? "Success." : doc.summary());
        if (doc.response() != null) {
            Map<String, Object> schema =
                    doc.paged() ? page(doc.response()) : schemas.of(doc.response(), Direction.RESPONSE);
            success.put("content", map(Json.JSON, map("schema", schema)));
        }
        responses.put(Integer.toString(doc.successStatus()), success);
        for (int status : problems(entry)) {
            problemStatuses.add(status);
            responses.put(Integer.toString(status), map("$ref", "#/components/responses/Problem" + status));
        }
        return responses;
    }

    /** The problems a route can answer: those of its kind (a body, an id, a permission) and its own. */
    private static Set<Integer> problems(Entry entry) {
        Route route = entry.route();
        RouteDoc doc = route.doc();
        Set<Integer> statuses = new TreeSet<>(doc.problems());
        boolean body = doc.request() != null || !route.mediaTypes().isEmpty();
        if (body || doc.paged() || !doc.queryParameters().isEmpty()) {
            statuses.add(400);
        }
        if (body) {
            statuses.add(413);
            statuses.add(415);
        }
        if (!route.access().anonymous()) {
            statuses.add(401);
            statuses.add(429);
        } else if (route.path().startsWith("/api/")) {
            statuses.add(429);
        }
        if (route.access().permission() != null) {
            statuses.add(403);
        }
        if (!entry.pathParams().isEmpty()) {
            statuses.add(404);
        }
        return statuses;
    }

    private Map<String, Object> page(Class<?> item) {
        return map(
                "type",
                "object",
                "required",
                List.of("items", "next_cursor"),
                "properties",
                map(
                        "items", map("type", "array", "items", schemas.of(item, Direction.RESPONSE)),
                        "next_cursor",
                                map(
                                        "type",
                                        List.of("string", "null"),
                                        "description",
                                        "The cursor of the next page; null on the last page.")));
    }

    private Map<String, Object> components() {
        Map<String, Object> componentSchemas = new TreeMap<>(schemas.components());
        componentSchemas.put("Problem", PROBLEM);
        Map<String, Object> responses = new LinkedHashMap<>();
        for (int status : problemStatuses) {
            responses.put(
                    "Problem" + status,
                    map(
                            "description",
                            Problem.reason(status) + " (RFC 9457 problem).",
                            "content",
                            map(PROBLEM_JSON, map("schema", map("$ref", "#/components/schemas/Problem")))));
        }
        return map(
                "schemas",
                componentSchemas,
                "responses",
                responses,
                "securitySchemes",
                map(
                        SECURITY_SCHEME,
                        map(
                                "type",
                                "http",
                                "scheme",
                                "bearer",
                                "description",
                                "An API key, `Authorization: Bearer pk_<id>_<secret>` (or a member's JWT where configured).")));
    }

    private static final Map<String, Object> PROBLEM = map(
            "type",
            "object",
            "description",
            "An RFC 9457 problem; its texts never echo secrets or request bodies.",
            "required",
            List.of("type", "title", "status"),
            "properties",
            map(
                    "type", map("type", "string", "format", "uri-reference"),
                    "title", map("type", "string"),
                    "status", map("type", "integer", "format", "int32"),
                    "detail", map("type", "string"),
                    "instance", map("type", "string"),
                    "request_id", map("type", "string")));

    private static final String INFO = "Every route the server answers right now, core bundles' and plugins'. "
            + "Errors are RFC 9457 problems (`application/problem+json`). Lists page with `?limit=&cursor=`. "
            + "`x-required-permission` names the permission an operation needs; `{ws}` is the caller's "
            + "own workspace. The audit log's action names are listed in docs/audit.md.";
}
