package io.portcullis.web.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's mistakes, one line each at INFO on {@code io.portcullis.web.client}: a bad request
 * line or version, a header flood, a client that went away mid-body, a body too slow to finish. Never
 * a stack trace and never the client's bytes, so a client cannot flood the log with more than a line
 * per connection. Slow bodies are also counted, and the running count is on every such line.
 */
final class ClientErrors {

    static final String LOGGER = "io.portcullis.web.client";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final AtomicLong SLOW_BODIES = new AtomicLong();

    private ClientErrors() {}

    /** A request Jetty refused before it reached a route: {@code kind} is the status and its reason. */
    static void refused(@Nullable String remote, int status) {
        LOG.info("Refused a malformed request from {}: {} {}", address(remote), status, Problem.reason(status));
    }

    /** The client closed the connection, or it failed, before the whole body arrived. */
    static void bodyAbandoned(@Nullable String remote, String route) {
        LOG.info("The client {} went away before its request body to {} was complete", address(remote), route);
    }

    /** A body that did not arrive within the deadline; answered 408 and counted. */
    static void slowBody(@Nullable String remote, String route, long timeoutSeconds) {
        long count = SLOW_BODIES.incrementAndGet();
        LOG.info(
                "Cut off a slow request body from {} to {}: not complete within {} s, answered 408;"
                        + " slow bodies cut off since start: {}",
                address(remote),
                route,
                timeoutSeconds,
                count);
    }

    /** How many slow bodies were cut off since the bundle started. */
    static long slowBodies() {
        return SLOW_BODIES.get();
    }

    private static String address(@Nullable String remote) {
        return remote == null || remote.isEmpty() ? "an unknown address" : "'" + remote + "'";
    }
}
