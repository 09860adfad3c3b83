package io.portcullis.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cursor paging, {@code ?limit=&cursor=}: up to {@code limit} items (1..{@value #MAX}, default
 * {@value #DEFAULT}) whose id sorts after {@code after}, the cursor, which is the last id of the
 * previous page ({@code ""} for the first page). With random ids the order is stable but not
 * chronological.
 *
 * <p>A store fetches {@link #fetch()} rows ordered by id and answers {@link #page}.
 */
public record PageRequest(int limit, String after) {

    /** Items on a page when the request names no limit. */
    public static final int DEFAULT = 50;

    /** The largest limit a request may name. */
    public static final int MAX = 200;

    /**
     * The paging that {@code request} asks for; 400 naming the query parameter when the limit is not
     * 1..{@value #MAX} or the cursor is not of the ids' form ({@code cursorFormat}), so no query sees
     * a malformed cursor.
     */
    public static PageRequest of(ApiRequest request, Predicate<String> cursorFormat) {
        int limit = request.queryParam("limit").map(PageRequest::limit).orElse(DEFAULT);
        String cursor = request.queryParam("cursor").orElse("");
        if (!cursor.isEmpty() && !cursorFormat.test(cursor)) {
            throw ProblemException.badRequest("Query parameter 'cursor' is not a cursor this API returned.");
        }
        return new PageRequest(limit, cursor);
    }

    private static int limit(String value) {
        if (value.matches("[0-9]{1,4}")) {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        }
        throw ProblemException.badRequest("Query parameter 'limit' must be 1.." + MAX + ".");
    }

    /** Rows to fetch: one more than the limit, to know whether a next page exists. */
    public int fetch() {
        return limit + 1;
    }

    /** The page of {@code rows} (fetched with {@link #fetch()}) and the cursor of the next page. */
    public <T> Page<T> page(List<T> rows, Function<T, String> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), id.apply(items.get(limit - 1)));
    }
}
