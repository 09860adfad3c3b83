package io.portcullis.web.internal;

import java.lang.annotation.Annotation;

/** A {@link WebConfig} without Configuration Admin: what SCR would hand the component. */
record TestConfig(
        String host,
        int port,
        long maxBodyBytes,
        String[] requiredChecks,
        String[] rateLimits,
        int anonymousRatePerMinute,
        int requestBodyTimeoutSeconds)
        implements WebConfig {

    static TestConfig defaults() {
        return new TestConfig(
                "127.0.0.1",
                8080,
                1_048_576,
                new String[] {"database"},
                RateLimits.DEFAULT_LIMITS,
                RateLimits.DEFAULT_ANONYMOUS_PER_MINUTE,
                WebSettings.DEFAULT_BODY_TIMEOUT_SECONDS);
    }

    static TestConfig ephemeral(long maxBodyBytes) {
        return defaults().withPort(0).withMaxBodyBytes(maxBodyBytes);
    }

    TestConfig withPort(int newPort) {
        return new TestConfig(
                host,
                newPort,
                maxBodyBytes,
                requiredChecks,
                rateLimits,
                anonymousRatePerMinute,
                requestBodyTimeoutSeconds);
    }

    TestConfig withHost(String newHost) {
        return new TestConfig(
                newHost,
                port,
                maxBodyBytes,
                requiredChecks,
                rateLimits,
                anonymousRatePerMinute,
                requestBodyTimeoutSeconds);
    }

    TestConfig withMaxBodyBytes(long newMax) {
        return new TestConfig(
                host, port, newMax, requiredChecks, rateLimits, anonymousRatePerMinute, requestBodyTimeoutSeconds);
    }

    TestConfig withRequiredChecks(String... checks) {
        return new TestConfig(
                host, port, maxBodyBytes, checks, rateLimits, anonymousRatePerMinute, requestBodyTimeoutSeconds);
    }

    TestConfig withRateLimits(String... limits) {
        return new TestConfig(
                host, port, maxBodyBytes, requiredChecks, limits, anonymousRatePerMinute, requestBodyTimeoutSeconds);
    }

    TestConfig withAnonymousRatePerMinute(int perMinute) {
        return new TestConfig(
                host, port, maxBodyBytes, requiredChecks, rateLimits, perMinute, requestBodyTimeoutSeconds);
    }

    TestConfig withRequestBodyTimeoutSeconds(int seconds) {
        return new TestConfig(host, port, maxBodyBytes, requiredChecks, rateLimits, anonymousRatePerMinute, seconds);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return WebConfig.class;
    }
}
