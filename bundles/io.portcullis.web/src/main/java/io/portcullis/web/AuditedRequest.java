package io.portcullis.web;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One API request as {@link RequestAudit} sees it: who asked, what, and what became of it. Only the
 * route template, never the raw path, query or body, which may hold secrets.
 *
 * @param method the request's method as received ({@code GET}, {@code HEAD}, {@code POST}, {@code PUT},
 *     {@code PATCH}, {@code DELETE}, {@code OPTIONS}, {@code TRACE}, {@code CONNECT}), or {@value #OTHER}
 *     for any other token, which a client could make up
 * @param route the matched route template, such as {@code /api/v1/workspaces/{ws}}, or
 *     {@value #UNMATCHED} when no route answers the path and method (404, 405)
 * @param status the status of the answer
 * @param latencyMillis from the request's arrival until its answer was ready (a streamed body: written)
 * @param caller the authenticated caller; null on a public route, on an unmatched path (no credential
 *     is looked at there) and when authentication failed
 * @param requestId the request id, as echoed in {@code X-Request-Id}
 * @param clientAddress the address of the TCP peer (forwarding headers are not trusted), or
 *     {@code unknown}
 * @param authenticationFailed true when the request's credential was missing or refused: a 401, or a
 *     429 once the client's address has spent its budget of refused credentials
 */
public record AuditedRequest(
        String method,
        String route,
        int status,
        long latencyMillis,
        @Nullable Caller caller,
        String requestId,
        String clientAddress,
        boolean authenticationFailed) {

    /** The route of a request that no route answers. */
    public static final String UNMATCHED = "unmatched";

    /** The method of a request whose method is none of the standard ones. */
    public static final String OTHER = "OTHER";

    public AuditedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(clientAddress, "clientAddress");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599, was " + status);
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must not be negative, was " + latencyMillis);
        }
        if (authenticationFailed && caller != null) {
            throw new IllegalArgumentException("a request whose authentication failed has no caller");
        }
    }

    /** True for {@code GET} and {@code HEAD}: requests that only read. */
    public boolean read() {
        return "GET".equals(method) || "HEAD".equals(method);
    }
}
