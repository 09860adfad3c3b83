package io.portcullis.web;

import java.util.Objects;

/**
 * One endpoint: a method, a path template such as {@code /api/v1/workspaces/{ws}}, the handler
 * that answers it and who may call it. Path parameters are whole segments written {@code {name}}.
 * Deny by default: the factories make routes for authenticated callers only; say
 * {@link #publicAccess()} or {@link #requires(String)} to change that.
 */
public record Route(HttpMethod method, String path, RouteHandler handler, Access access) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(access, "access");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/', was " + path);
        }
        if (access.workspaceBound() && !path.contains("/{ws}")) {
            throw new IllegalArgumentException("route " + path + " requires a workspace permission but has no {ws}");
        }
    }

    /** A route for any authenticated caller. */
    public Route(HttpMethod method, String path, RouteHandler handler) {
        this(method, path, handler, Access.AUTHENTICATED);
    }

    /** The same route, open to anyone without a credential. */
    public Route publicAccess() {
        return new Route(method, path, handler, Access.PUBLIC);
    }

    /** The same route, for callers holding {@code permission} (see {@link Access}). */
    public Route requires(String permission) {
        return new Route(method, path, handler, Access.permission(permission));
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
