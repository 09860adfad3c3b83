package io.portcullis.web;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One endpoint: a method, a path template such as {@code /api/v1/workspaces/{ws}}, the handler
 * that answers it and who may call it. Path parameters are whole segments written {@code {name}}.
 * Deny by default: the factories make routes for authenticated callers only; say
 * {@link #publicAccess()} or {@link #requires(String)} to change that.
 *
 * <p>A route's body is JSON of at most the server's {@code maxBodyBytes} unless it says otherwise:
 * {@link #maxBodyBytes(long)} raises or lowers the limit for this route alone (an upload of a plugin
 * jar needs more than any JSON body), and {@link #accepts(Set)} names the raw media types it reads
 * with {@link ApiRequest#bodyBytes(Set)} instead of JSON.
 *
 * <p>{@link #summary(String)}, {@link #request(Class)}, {@link #response(Class)} and their siblings
 * describe the route in the API description ({@code GET /api/v1/openapi.json}); see {@link RouteDoc}.
 *
 * @param maxBodyBytes the largest body this route accepts, or {@code 0} for the server's limit
 * @param mediaTypes the media types (lower case, no parameters) of the raw bodies this route takes;
 *     empty for JSON
 * @param doc what the API description says about the route
 */
public record Route(
        HttpMethod method,
        String path,
        RouteHandler handler,
        Access access,
        long maxBodyBytes,
        Set<String> mediaTypes,
        RouteDoc doc) {

    /**
     * The largest per-route body limit: bodies are buffered in memory and read into one array, so a
     * route cannot ask for more than this, whatever its configuration says.
     */
    public static final long MAX_BODY_LIMIT = 1L << 30;

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(doc, "doc");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/', was " + path);
        }
        if (access.workspaceBound() && !path.contains("/{ws}")) {
            throw new IllegalArgumentException("route " + path + " requires a workspace permission but has no {ws}");
        }
        if (maxBodyBytes < 0 || maxBodyBytes > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException(
                    "route " + path + ": maxBodyBytes must be 0.." + MAX_BODY_LIMIT + ", was " + maxBodyBytes);
        }
        mediaTypes = Set.copyOf(mediaTypes);
        for (String type : mediaTypes) {
            if (!MEDIA_TYPE.matcher(type).matches() || !type.equals(type.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("route " + path + ": '" + type + "' is not a lower-case media type");
            }
        }
    }

    /** An undocumented route (the constructor of versions before 1.6). */
    public Route(
            HttpMethod method,
            String path,
            RouteHandler handler,
            Access access,
            long maxBodyBytes,
            Set<String> mediaTypes) {
        this(method, path, handler, access, maxBodyBytes, mediaTypes, RouteDoc.NONE);
    }

    /** A route with the server's body limit and JSON bodies. */
    public Route(HttpMethod method, String path, RouteHandler handler, Access access) {
        this(method, path, handler, access, 0, Set.of());
    }

    /** A route for any authenticated caller. */
    public Route(HttpMethod method, String path, RouteHandler handler) {
        this(method, path, handler, Access.AUTHENTICATED);
    }

    /** The same route, open to anyone without a credential. */
    public Route publicAccess() {
        return new Route(method, path, handler, Access.PUBLIC, maxBodyBytes, mediaTypes, doc);
    }

    /** The same route, for callers holding {@code permission} (see {@link Access}). */
    public Route requires(String permission) {
        return new Route(method, path, handler, Access.permission(permission), maxBodyBytes, mediaTypes, doc);
    }

    /** The same route with its own body limit ({@code 0}: the server's); larger bodies answer 413. */
    public Route maxBodyBytes(long limit) {
        return new Route(method, path, handler, access, limit, mediaTypes, doc);
    }

    /**
     * The same route taking raw bodies of {@code types} (such as {@code application/java-archive})
     * instead of JSON; a body of any other type answers 415 before the handler runs.
     */
    public Route accepts(Set<String> types) {
        return new Route(method, path, handler, access, maxBodyBytes, types, doc);
    }

    /** The same route with a one-line summary for the API description. */
    public Route summary(String text) {
        return document(doc.withSummary(text));
    }

    /** The same route with a longer description for the API description. */
    public Route description(String text) {
        return document(doc.withDescription(text));
    }

    /** The same route, documented as reading a JSON body of {@code type}. */
    public Route request(Class<?> type) {
        return document(doc.withRequest(type));
    }

    /** The same route, documented as answering a JSON body of {@code type}. */
    public Route response(Class<?> type) {
        return document(doc.withResponse(type, false));
    }

    /** The same route, documented as answering a {@link Page} of {@code item} and taking {@code ?limit=&cursor=}. */
    public Route pageOf(Class<?> item) {
        return document(doc.withResponse(item, true));
    }

    /** The same route, documented with its success status (such as 201 or 202). */
    public Route status(int status) {
        return document(doc.withStatus(status));
    }

    /** The same route, documented as also answering problems with these statuses (such as 409). */
    public Route problems(int... statuses) {
        return document(doc.withProblems(statuses));
    }

    /** The same route, documented as reading these query parameters, each {@code name} or {@code name: description}. */
    public Route query(String... parameters) {
        return document(doc.withQuery(parameters));
    }

    private Route document(RouteDoc next) {
        return new Route(method, path, handler, access, maxBodyBytes, mediaTypes, next);
    }

    public static Route get(String path, RouteHandler handler) {
        return new Route(HttpMethod.GET, path, handler);
    }

    public static Route post(String path, RouteHandler handler) {
        return new Route(HttpMethod.POST, path, handler);
    }

    public static Route put(String path, RouteHandler handler) {
        return new Route(HttpMethod.PUT, path, handler);
    }

    public static Route patch(String path, RouteHandler handler) {
        return new Route(HttpMethod.PATCH, path, handler);
    }

    public static Route delete(String path, RouteHandler handler) {
        return new Route(HttpMethod.DELETE, path, handler);
    }
}
