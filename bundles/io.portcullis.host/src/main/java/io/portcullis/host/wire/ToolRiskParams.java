package io.portcullis.host.wire;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Params of {@code tool.risk}. */
public record ToolRiskParams(long handle, Map<String, @Nullable Object> arguments) {}
