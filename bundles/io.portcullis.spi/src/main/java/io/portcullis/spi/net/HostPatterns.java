package io.portcullis.spi.net;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host patterns: {@code api.example.com} matches itself only, {@code *.example.com} any name below
 * {@code example.com} but not {@code example.com}, and a wildcard needs at least two labels under it
 * (never {@code *.com}). Patterns and hosts are both in {@link Hosts#canonical} form, so the match is
 * plain text; an address literal matches a pattern spelling its canonical text.
 */
public final class HostPatterns {

    private static final int MAX_NAME = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private HostPatterns() {}

    /** {@code raw} as a canonical pattern; empty if it is not one. */
    public static Optional<String> normalise(String raw) {
        boolean wildcard = raw.startsWith("*.");
        String host;
        try {
            host = Hosts.canonical(wildcard ? raw.substring(2) : raw);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] labels = host.split("\\.", -1);
        if (host.isEmpty() || host.length() > MAX_NAME || (wildcard && labels.length < 2)) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(wildcard ? "*." + host : host);
    }

    /** Whether canonical {@code pattern} matches canonical {@code host}. */
    public static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
        }
        return pattern.equals(host);
    }

    public static boolean anyMatches(List<String> patterns, String host) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, host));
    }
}
