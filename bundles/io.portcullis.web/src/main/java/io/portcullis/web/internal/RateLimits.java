package io.portcullis.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validated rate limits, in requests per minute: per authenticated caller by its rate class (the
 * class {@value #DEFAULT_CLASS} covers every class not named), and per client address for requests
 * without a valid credential.
 */
record RateLimits(Map<String, Integer> perClass, int anonymousPerMinute) {

    static final String DEFAULT_CLASS = "default";
    static final String[] DEFAULT_LIMITS = {
        "owner=1200", "admin=1200", "operator=600", "viewer=300", "platform=1200", "default=300"
    };
    static final int DEFAULT_ANONYMOUS_PER_MINUTE = 120;
    static final int MAX_PER_MINUTE = 1_000_000;

    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    RateLimits {
        perClass = Map.copyOf(perClass);
        if (!perClass.containsKey(DEFAULT_CLASS)) {
            throw new IllegalArgumentException("rateLimits must include '" + DEFAULT_CLASS + "=<requests per minute>'");
        }
        if (anonymousPerMinute < 1 || anonymousPerMinute > MAX_PER_MINUTE) {
            throw new IllegalArgumentException(
                    "anonymousRatePerMinute must be 1.." + MAX_PER_MINUTE + ", was " + anonymousPerMinute);
        }
    }

    /** The caller limit of {@code rateClass}, or the default class's. */
    int forClass(String rateClass) {
        Integer limit = perClass.get(rateClass);
        return limit != null ? limit : perClass.get(DEFAULT_CLASS);
    }

    /** Parses {@code class=limit} entries; a .cfg file gives one string, so "a=1, b=2" is two entries. */
    static RateLimits parse(String[] values, int anonymousPerMinute) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String value : values) {
            for (String entry : value.split(",")) {
                String trimmed = entry.trim();
                if (!trimmed.isEmpty()) {
                    add(limits, trimmed);
                }
            }
        }
        return new RateLimits(limits, anonymousPerMinute);
    }

    private static void add(Map<String, Integer> limits, String entry) {
        int equals = entry.indexOf('=');
        String name = equals < 0 ? "" : entry.substring(0, equals).trim();
        if (!CLASS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "rateLimits entries must be <class>=<requests per minute> with a class of "
                            + "[A-Za-z0-9._-], was '" + WebSettings.printable(entry) + "'");
        }
        int limit;
        try {
            limit = Integer.parseInt(entry.substring(equals + 1).trim());
        } catch (NumberFormatException e) {
            limit = -1; // reported below with the original text
        }
        if (limit < 1 || limit > MAX_PER_MINUTE) {
            throw new IllegalArgumentException("rateLimits values must be 1.." + MAX_PER_MINUTE
                    + " requests per minute, was '" + WebSettings.printable(entry) + "'");
        }
        if (limits.putIfAbsent(name, limit) != null) {
            throw new IllegalArgumentException("rateLimits names the class '" + name + "' twice");
        }
    }
}
