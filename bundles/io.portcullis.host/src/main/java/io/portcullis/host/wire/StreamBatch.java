package io.portcullis.host.wire;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code stream.next}: the next events of a model stream, in order; {@code end} once the
 * last was sent, then {@code error} says why the provider failed (code {@link RpcError#MODEL} with its
 * status and retry-after, or {@link RpcError#PLUGIN_FAILED} with an exception class name), or is null
 * when it completed.
 */
public record StreamBatch(
        List<StreamEvent> events, boolean end, @Nullable RpcErrorInfo error) {

    public StreamBatch {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
