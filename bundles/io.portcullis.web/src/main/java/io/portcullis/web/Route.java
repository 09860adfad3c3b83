package io.portcullis.web;

import java.util.Objects;

/**
 * One endpoint: a method, a path template such as {@code /api/v1/workspaces/{ws}} and the handler
 * that answers it. Path parameters are whole segments written {@code {name}}.
 */
public record Route(HttpMethod method, String path, RouteHandler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/', was " + path);
        }
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
