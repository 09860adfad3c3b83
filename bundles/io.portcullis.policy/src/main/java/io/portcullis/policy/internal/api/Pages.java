package io.portcullis.policy.internal.api;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Cursor paging over a list the gate holds in memory, by plugin id: the same {@code ?limit=&cursor=}
 * and {@code {"items", "next_cursor"}} as every list of the API, so clients page plugins like anything else.
 */
final class Pages {

    private Pages() {}

    static <T> Page<T> of(ApiRequest request, List<T> items, Function<T, String> id) {
        PageRequest paging = PageRequest.of(request, PluginIds::valid);
        List<T> rows = items.stream()
                .filter(item -> id.apply(item).compareTo(paging.after()) > 0)
                .sorted(Comparator.comparing(id))
                .limit(paging.fetch())
                .toList();
        return paging.page(rows, id);
    }
}
