package io.portcullis.web.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Route permissions with path parameters, such as {@code workspace:{ws}:members:read}: the request's
 * values go in before the check. A value that could change the permission's structure (a part
 * separator ':', a wildcard '*', a list ',', whitespace or a control character) is refused, so a
 * path cannot widen what it asks for.
 */
final class Permissions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Permissions() {}

    /** The parameter names {@code permission} mentions. */
    static Set<String> placeholders(String permission) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(permission);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * {@code permission} with each placeholder replaced by the decoded value of that path parameter,
     * or null if a value is missing, not correctly percent-encoded or unsafe.
     */
    static @Nullable String expand(String permission, Map<String, String> rawParams) {
        Matcher matcher = PLACEHOLDER.matcher(permission);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = param(rawParams, matcher.group(1));
            if (value == null) {
                return null;
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    /** The decoded, safe value of a path parameter, or null. */
    static @Nullable String param(Map<String, String> rawParams, String name) {
        String raw = rawParams.get(name);
        if (raw == null) {
            return null;
        }
        String value;
        try {
            value = PathTemplate.decode(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return safe(value) ? value : null;
    }

    static boolean safe(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':'
                    || c == '*'
                    || c == ','
                    || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }
}
