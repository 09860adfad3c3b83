package io.portcullis.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of items as the API answers it, {@code {"items": [...], "next_cursor": ...}};
 * {@code next_cursor} is null on the last page. Made by {@link PageRequest#page}.
 */
public record Page<T>(
        List<T> items,
        @JsonProperty("next_cursor") @Nullable String nextCursor) {

    /** The same page with each item mapped, such as a stored row to its view. */
    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), nextCursor);
    }
}
