package io.portcullis.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the API description ({@code GET /api/v1/openapi.json}) says about a route: a summary, the Java
 * types of its request and response bodies (their JSON schemas are derived from Jackson's view of
 * them), the success status and the problem statuses it answers beyond those every route of its kind
 * answers. Documentation only: nothing here changes how a request is served.
 *
 * @param summary one line for humans; empty when the route is not documented
 * @param description longer text, or empty
 * @param request the type the handler binds its JSON body to, or null for none
 * @param response the type of the success body (of one item when {@code paged}), or null for none
 * @param paged true when the route answers a {@link Page} of {@code response} and takes
 *     {@code ?limit=&cursor=} ({@link PageRequest})
 * @param status the success status, {@code 0} for the default: 200 with a response, else 204
 * @param problems extra problem statuses, such as 409, in ascending order
 * @param queryParameters other query parameters the route reads, as {@code name} or
 *     {@code name: description}
 */
public record RouteDoc(
        String summary,
        String description,
        @Nullable Class<?> request,
        @Nullable Class<?> response,
        boolean paged,
        int status,
        Set<Integer> problems,
        List<String> queryParameters) {

    /** An undocumented route. */
    public static final RouteDoc NONE = new RouteDoc("", "", null, null, false, 0, Set.of(), List.of());

    public RouteDoc {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        if (status != 0 && (status < 200 || status > 299)) {
            throw new IllegalArgumentException("a success status must be 2xx, was " + status);
        }
        for (int problem : problems) {
            if (problem < 400 || problem > 599) {
                throw new IllegalArgumentException("a problem status must be 4xx or 5xx, was " + problem);
            }
        }
        problems = Set.copyOf(new TreeSet<>(problems));
        queryParameters = List.copyOf(queryParameters);
        if (paged && response == null) {
            throw new IllegalArgumentException("a paged route names the type of its items");
        }
    }

    /** The success status: the declared one, else 200 with a response body and 204 without. */
    public int successStatus() {
        return status != 0 ? status : response == null ? 204 : 200;
    }

    RouteDoc withSummary(String text) {
        return new RouteDoc(text, description, request, response, paged, status, problems, queryParameters);
    }

    RouteDoc withDescription(String text) {
        return new RouteDoc(summary, text, request, response, paged, status, problems, queryParameters);
    }

    RouteDoc withRequest(@Nullable Class<?> type) {
        return new RouteDoc(summary, description, type, response, paged, status, problems, queryParameters);
    }

    RouteDoc withResponse(@Nullable Class<?> type, boolean page) {
        return new RouteDoc(summary, description, request, type, page, status, problems, queryParameters);
    }

    RouteDoc withStatus(int code) {
        return new RouteDoc(summary, description, request, response, paged, code, problems, queryParameters);
    }

    RouteDoc withProblems(int... codes) {
        Set<Integer> all = new TreeSet<>(problems);
        for (int code : codes) {
            all.add(code);
        }
        return new RouteDoc(summary, description, request, response, paged, status, all, queryParameters);
    }

    RouteDoc withQuery(String... parameters) {
        List<String> all = new ArrayList<>(queryParameters);
        all.addAll(List.of(parameters));
        return new RouteDoc(summary, description, request, response, paged, status, problems, all);
    }
}
