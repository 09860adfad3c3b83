package io.portcullis.web.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validated server settings: the configuration with the environment overrides applied. Every
 * check lives here, so the first start and a live edit refuse the same values with the same words.
 */
record WebSettings(
        String host,
        int port,
        long maxBodyBytes,
        int requestBodyTimeoutSeconds,
        List<String> requiredChecks,
        RateLimits rateLimits) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;
    static final int DEFAULT_BODY_TIMEOUT_SECONDS = 30;
    static final int MAX_BODY_TIMEOUT_SECONDS = 3600;
    static final String ENV_HOST = "PORTCULLIS_HTTP_HOST";
    static final String ENV_PORT = "PORTCULLIS_HTTP_PORT";

    /** Bodies are buffered in memory, so the limit stays well below the heap. */
    static final long MAX_BODY_LIMIT = 64L * 1024 * 1024;

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]%]{1,253}");
    private static final Pattern CHECK_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    WebSettings {
        requiredChecks = List.copyOf(requiredChecks);
    }

    /** The settings from {@code config}, overridden by {@code env}; throws naming the bad property. */
    static WebSettings from(WebConfig config, Map<String, String> env) {
        String envHost = nonBlank(env.get(ENV_HOST));
        String host = envHost != null ? envHost : read("host", config::host);
        if (!HOST.matcher(host).matches()) {
            throw invalid("host must be a host name or IP address, was '" + printable(host) + "'", envHost, ENV_HOST);
        }

        String envPort = nonBlank(env.get(ENV_PORT));
        int port = envPort != null ? parsePort(envPort) : read("port", config::port);
        if (port < 0 || port > 65535) {
            throw invalid(
                    "port must be 0..65535, was " + (envPort != null ? printable(envPort) : port), envPort, ENV_PORT);
        }

        long maxBody = read("maxBodyBytes", config::maxBodyBytes);
        if (maxBody < 1 || maxBody > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("maxBodyBytes must be 1.." + MAX_BODY_LIMIT + ", was " + maxBody);
        }
        int bodyTimeout = read("requestBodyTimeoutSeconds", config::requestBodyTimeoutSeconds);
        if (bodyTimeout < 1 || bodyTimeout > MAX_BODY_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(
                    "requestBodyTimeoutSeconds must be 1.." + MAX_BODY_TIMEOUT_SECONDS + ", was " + bodyTimeout);
        }
        List<String> checks = checkNames(read("requiredChecks", config::requiredChecks));
        RateLimits limits = RateLimits.parse(
                read("rateLimits", config::rateLimits), read("anonymousRatePerMinute", config::anonymousRatePerMinute));
        return new WebSettings(host, port, maxBody, bodyTimeout, checks, limits);
    }

    /** How long a request body may take to arrive in full. */
    Duration requestBodyTimeout() {
        return Duration.ofSeconds(requestBodyTimeoutSeconds);
    }

    /** True when moving to {@code next} needs a new listener. */
    boolean needsRestart(WebSettings next) {
        return !host.equals(next.host) || port != next.port;
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1; // reported by the range check with the original text
        }
    }

    /** A .cfg file gives one string: "a, b" means two checks. */
    private static List<String> checkNames(String[] values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                String trimmed = name.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!CHECK_NAME.matcher(trimmed).matches()) {
                    throw new IllegalArgumentException(
                            "requiredChecks must be names of [A-Za-z0-9._-], was '" + printable(trimmed) + "'");
                }
                if (!names.contains(trimmed)) {
                    names.add(trimmed);
                }
            }
        }
        return names;
    }

    /** Configuration Admin values that cannot be converted fail when read: name the property. */
    private static <T> T read(String property, Supplier<T> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    property + " has a value of the wrong type (see the configuration file)");
        }
    }

    private static IllegalArgumentException invalid(String message, @Nullable String fromEnv, String envName) {
        return new IllegalArgumentException(fromEnv != null ? message + " (from " + envName + ")" : message);
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Keeps a refused value on one log line and short. */
    static String printable(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }
}
