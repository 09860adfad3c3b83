package io.portcullis.egress.internal;

import java.util.List;

/**
 * Matching of host patterns: {@code api.example.com} matches itself only, {@code *.example.com} any
 * name below {@code example.com} but not {@code example.com}. Patterns and hosts are both normalised
 * (lower-case ASCII), so the match is plain text; an address literal matches a pattern spelling its
 * canonical text.
 */
final class HostPatterns {

    private HostPatterns() {}

    static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
        }
        return pattern.equals(host);
    }

    static boolean anyMatches(List<String> patterns, String host) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, host));
    }
}
