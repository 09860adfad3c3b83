package io.portcullis.audit.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code ?limit=&cursor=} as tenancy pages, newest first: up to {@code limit} records (1..{@value #MAX},
 * default {@value #DEFAULT}) whose sequence number is below the cursor, which is the sequence number of
 * the last record of the previous page. Newest first because an audit log is read from "what just
 * happened" backwards; the export is the oldest-first view.
 *
 * @param before the cursor, or null for the newest page
 */
record PageRequest(int limit, @Nullable Long before) {

    static final int DEFAULT = 50;
    static final int MAX = 200;

    static PageRequest of(ApiRequest request) {
        int limit = request.queryParam("limit").map(PageRequest::limit).orElse(DEFAULT);
        String cursor = request.queryParam("cursor").orElse(null);
        if (cursor == null) {
            return new PageRequest(limit, null);
        }
        if (!cursor.matches("[0-9]{1,18}")) {
            throw ProblemException.badRequest("Query parameter 'cursor' is not a cursor this API returned.");
        }
        return new PageRequest(limit, Long.parseLong(cursor));
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

    /** Rows fetched: one more than the limit, to know whether a next page exists. */
    int fetch() {
        return limit + 1;
    }

    /** The page of {@code rows} (fetched with {@link #fetch()}) and the cursor of the next page. */
    <T> Page<T> page(List<T> rows, Function<T, Long> sequence) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, Long.toString(sequence.apply(items.get(limit - 1))));
    }

    /** One page of items, as the API answers it; {@code next_cursor} is null on the last page. */
    record Page<T>(List<T> items, @JsonProperty("next_cursor") @Nullable String nextCursor) {

        <R> Page<R> map(Function<T, R> mapping) {
            return new Page<>(items.stream().map(mapping).toList(), nextCursor);
        }
    }
}
