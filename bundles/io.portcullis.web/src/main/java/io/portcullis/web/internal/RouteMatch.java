package io.portcullis.web.internal;

import io.portcullis.web.HttpMethod;
import io.portcullis.web.Route;
import java.util.Map;
import java.util.Set;

/** What the route table says about a request's method and path. */
sealed interface RouteMatch {

    /** A route answers: its template and the raw (percent-encoded) path parameters. */
    record Found(Route route, Map<String, String> rawParams) implements RouteMatch {}

    /** The path exists, but not for this method; {@code allowed} goes into the {@code Allow} header. */
    record MethodNotAllowed(Set<HttpMethod> allowed) implements RouteMatch {}

    /** No route has this path. */
    record NotFound() implements RouteMatch {}
}
