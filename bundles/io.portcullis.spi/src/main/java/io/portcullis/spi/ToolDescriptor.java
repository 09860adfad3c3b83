package io.portcullis.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool's identity and contract.
 *
 * @param name unique among the tools of a server, lower case, dot-separated words such as
 *     {@code http.fetch}
 * @param version the tool's own version, shown in the result's provenance
 * @param description one or two sentences for the people and models choosing a tool
 * @param inputSchema the JSON Schema (draft 2020-12) of the arguments object, as JSON text
 * @param risk what a call can do, which decides approvals and read-only mode
 */
public record ToolDescriptor(String name, String version, String description, String inputSchema, Risk risk) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");

    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(risk, "risk");
        if (name.length() > 64 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "tool name must be lower-case dot-separated words of at most 64 characters, was '" + name + "'");
        }
    }
}
