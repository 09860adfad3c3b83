package io.portcullis.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.jspecify.annotations.Nullable;

/**
 * The deadline of one request body. A client trickling a byte a second never goes idle, so the
 * deadline is checked before every read; one that sends nothing at all is caught by Jetty's idle
 * timeout on the connection, shortened to what is left of the deadline while the body is read and
 * restored afterwards, so a blocked read never outlives the deadline either.
 */
final class BodyDeadline implements AutoCloseable {

    private final long deadlineNanos;
    private final @Nullable EndPoint endPoint;
    private final long idleTimeoutMillis;

    private BodyDeadline(long deadlineNanos, @Nullable EndPoint endPoint) {
        this.deadlineNanos = deadlineNanos;
        this.endPoint = endPoint;
        this.idleTimeoutMillis = endPoint == null ? 0 : endPoint.getIdleTimeout();
    }

    static BodyDeadline start(HttpServletRequest request, Duration timeout) {
        return new BodyDeadline(System.nanoTime() + timeout.toNanos(), endPoint(request));
    }

    /** False once the deadline has passed; else bounds the next blocking read by what is left of it. */
    boolean beforeRead() {
        long leftMillis = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
        if (leftMillis <= 0) {
            return false;
        }
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeoutMillis > 0 ? Math.min(idleTimeoutMillis, leftMillis) : leftMillis);
        }
        return true;
    }

    boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /** The connection's own idle timeout again, for the response and the next request. */
    @Override
    public void close() {
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeoutMillis);
        }
    }

    private static @Nullable EndPoint endPoint(HttpServletRequest request) {
        try {
            ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
            return jetty == null
                    ? null
                    : jetty.getConnectionMetaData().getConnection().getEndPoint();
        } catch (RuntimeException e) {
            return null; // not a Jetty request (a test double): the per-read check still holds
        }
    }
}
