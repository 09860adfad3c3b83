package io.portcullis.host.wire;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code egress.next}: the next lines of the body, in order; {@code end} once the last was
 * sent, then {@code error} says why the stream failed (code {@link RpcError#EGRESS} with the reason),
 * or is null when the body ended.
 */
public record LineBatch(
        List<String> lines, boolean end, @Nullable RpcErrorInfo error) {

    public LineBatch {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
