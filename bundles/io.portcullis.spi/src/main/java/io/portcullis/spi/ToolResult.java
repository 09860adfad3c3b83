package io.portcullis.spi;

import java.util.Objects;

/**
 * What a tool call produced.
 *
 * @param content the result as text: JSON when {@code mediaType} is {@code application/json}
 * @param mediaType {@code application/json} or {@code text/plain}
 */
public record ToolResult(String content, String mediaType) {

    public ToolResult {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    /** A plain-text result. */
    public static ToolResult text(String content) {
        return new ToolResult(content, "text/plain");
    }

    /** A JSON result; {@code json} must already be serialised JSON. */
    public static ToolResult json(String json) {
        return new ToolResult(json, "application/json");
    }
}
