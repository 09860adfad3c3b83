package io.portcullis.egress.internal;

import io.portcullis.spi.net.PrivateEndpoint;
import io.portcullis.spi.net.RuleException;
import java.time.Duration;
import java.util.List;

/**
 * The guard's validated settings, from {@link EgressConfig}.
 *
 * @param maxBodyBytes   the largest response body returned (decoded); larger is TOO_LARGE
 * @param connectTimeout the longest wait for one TCP connection (the call's deadline still bounds it)
 * @param maxRedirects   how many redirects are followed, each checked like the first hop
 * @param privateEndpoints the platform's grants of origins on the server's own machine, one plugin each
 * @param streams        the bounds of a streamed response
 */
public record EgressSettings(
        long maxBodyBytes,
        Duration connectTimeout,
        int maxRedirects,
        List<PrivateEndpoint> privateEndpoints,
        StreamLimits streams) {

    public EgressSettings {
        privateEndpoints = List.copyOf(privateEndpoints);
    }

    static final long MAX_BODY = 64L * 1024 * 1024;
    static final long MAX_CONNECT_MILLIS = 60_000;
    static final int MAX_REDIRECTS = 5;

    public static final EgressSettings DEFAULT = of(1024 * 1024, 5000, MAX_REDIRECTS);

    static EgressSettings from(EgressConfig config) {
        List<PrivateEndpoint> endpoints;
        try {
            endpoints = PrivateEndpoint.parseAll("privateEndpoints", config.privateEndpoints());
        } catch (RuleException e) {
            throw new IllegalArgumentException(e.getMessage() + " (in " + EgressConfig.PID + ")");
        }
        return of(config.maxResponseBytes(), config.connectTimeoutMillis(), config.maxRedirects())
                .withStreams(StreamLimits.of(
                        config.maxStreamBytes(), config.streamIdleMillis(), config.maxStreamLineBytes()))
                .withPrivateEndpoints(endpoints);
    }

    /** These settings with {@code endpoints} as the only private endpoint grants. */
    public EgressSettings withPrivateEndpoints(List<PrivateEndpoint> endpoints) {
        return new EgressSettings(maxBodyBytes, connectTimeout, maxRedirects, endpoints, streams);
    }

    /** These settings with {@code limits} for streamed responses. */
    EgressSettings withStreams(StreamLimits limits) {
        return new EgressSettings(maxBodyBytes, connectTimeout, maxRedirects, privateEndpoints, limits);
    }

    /** Validates, failing with a message that names the property to fix. */
    public static EgressSettings of(long maxBodyBytes, long connectTimeoutMillis, int maxRedirects) {
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY) {
            throw invalid("maxResponseBytes", "1.." + MAX_BODY, maxBodyBytes);
        }
        if (connectTimeoutMillis < 1 || connectTimeoutMillis > MAX_CONNECT_MILLIS) {
            throw invalid("connectTimeoutMillis", "1.." + MAX_CONNECT_MILLIS, connectTimeoutMillis);
        }
        if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS) {
            throw invalid("maxRedirects", "0.." + MAX_REDIRECTS, maxRedirects);
        }
        return new EgressSettings(
                maxBodyBytes, Duration.ofMillis(connectTimeoutMillis), maxRedirects, List.of(), StreamLimits.DEFAULT);
    }

    static IllegalArgumentException invalid(String property, String range, long value) {
        return new IllegalArgumentException(
                property + " of " + EgressConfig.PID + " must be " + range + ", was " + value);
    }
}
