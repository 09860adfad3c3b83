package io.portcullis.web.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A parsed route path such as {@code /api/v1/workspaces/{ws}}: literal segments and whole-segment
 * parameters. Matching is exact and segment by segment, so {@code /a/} is not {@code /a}.
 */
final class PathTemplate {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String text;
    /** Per segment: the literal text, or null where the segment is a parameter. */
    private final List<@Nullable String> literals;

    private final List<String> paramNames;

    private PathTemplate(String text, List<@Nullable String> literals, List<String> paramNames) {
        this.text = text;
        this.literals = literals;
        this.paramNames = paramNames;
    }

    /** Parses {@code path}; throws naming the problem if it is not a valid template. */
    static PathTemplate parse(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/', was " + path);
        }
        List<@Nullable String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String segment : segments(path)) {
            var param = PARAM.matcher(segment);
            if (param.matches()) {
                if (!seen.add(param.group(1))) {
                    throw new IllegalArgumentException("route path names {" + param.group(1) + "} twice: " + path);
                }
                literals.add(null);
                names.add(param.group(1));
            } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
                throw new IllegalArgumentException("route path parameters must be whole segments: " + path);
            } else {
                literals.add(segment);
            }
        }
        return new PathTemplate(path, Collections.unmodifiableList(literals), List.copyOf(names));
    }

    /** The names of the template's parameters, in order. */
    List<String> paramNames() {
        return paramNames;
    }

    /** Decodes a raw parameter value; throws {@link IllegalArgumentException} if it is not correctly percent-encoded. */
    static String decode(String raw) {
        // Path segments are percent-encoded; '+' is a literal plus there, not a space.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The segments after the leading slash; empty segments are kept so trailing slashes count. */
    static String[] segments(String path) {
        return path.substring(1).split("/", -1);
    }

    /** The raw (still percent-encoded) parameter values by name, or null if {@code segments} does not match. */
    @Nullable Map<String, String> match(String[] segments) {
        if (segments.length != literals.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        int param = 0;
        for (int i = 0; i < segments.length; i++) {
            String literal = literals.get(i);
            if (literal == null) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(paramNames.get(param++), segments[i]);
            } else if (!literal.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }

    /**
     * Orders two templates that match the same path: negative if this one is more specific, that
     * is, has a literal at the first segment where the other has a parameter.
     */
    int compareSpecificity(PathTemplate other) {
        for (int i = 0; i < Math.min(literals.size(), other.literals.size()); i++) {
            boolean mine = literals.get(i) != null;
            boolean theirs = other.literals.get(i) != null;
            if (mine != theirs) {
                return mine ? -1 : 1;
            }
        }
        return 0;
    }

    /** The template with parameter names erased: two templates with the same shape match the same paths. */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (String literal : literals) {
            shape.append('/').append(literal == null ? "{}" : literal);
        }
        return shape.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
