package io.portcullis.host.wire;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Params of {@code tool.invoke}; {@code deadline} in epoch milliseconds, {@code call} the core's id of this call. */
public record ToolInvokeParams(
        long handle,
        String call,
        String workspaceId,
        long deadline,
        String runId,
        Map<String, @Nullable Object> arguments) {}
