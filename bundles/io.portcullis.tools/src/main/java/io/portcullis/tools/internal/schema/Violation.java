package io.portcullis.tools.internal.schema;

/**
 * Why arguments were refused: where (a JSON path such as {@code $.query.limit}) and which rule,
 * never the offending value.
 */
public record Violation(String path, String message) {

    /** The most characters of a path shown: field names come from the caller. */
    static final int MAX_PATH = 200;

    public Violation {
        if (path.length() > MAX_PATH) {
            path = path.substring(0, MAX_PATH) + "...";
        }
    }

    /** The problem detail: the path and the rule, e.g. {@code Argument '$.limit' is invalid (type).} */
    public String detail() {
        return message.replace("{path}", "'" + path + "'");
    }
}
