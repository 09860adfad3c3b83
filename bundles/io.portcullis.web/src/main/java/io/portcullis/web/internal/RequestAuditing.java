package io.portcullis.web.internal;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.portcullis.web.AuditedRequest;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every request under {@code /api/} on the record through the {@link RequestAudits}. Mounted as
 * Javalin's after-handler, which runs for every request once the dispatcher, the exception mapper or
 * the error stage has decided the answer, and before Javalin sends a non-streamed body, so a failure
 * to record can still change it. A streamed body has been written (and committed) by then.
 *
 * <p>When recording fails, a read ({@code GET}, {@code HEAD}) whose response is not committed yet is
 * answered 503 instead: nothing is read that is not on the record. Any other request keeps its answer,
 * because its action already happened (the bundle that acted recorded it first); one ERROR line names
 * the request id and the route.
 */
final class RequestAuditing implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestAuditing.class);

    static final Problem UNRECORDED = Problem.of(503, "The request could not be put on the record.");

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private final RequestAudits audits;
    private final Problems problems;

    RequestAuditing(RequestAudits audits, Problems problems) {
        this.audits = audits;
        this.problems = problems;
    }

    @Override
    public void handle(Context ctx) {
        if (!ctx.path().startsWith(AccessGate.API_PREFIX)) {
            return;
        }
        AuditedRequest request = describe(ctx);
        Exception failure = audits.record(request);
        if (failure == null) {
            return;
        }
        if (request.read() && !ctx.res().isCommitted()) {
            LOG.error(
                    "Request '{}' ({} {}) was answered 503 instead of {}: it could not be put on the record",
                    request.requestId(),
                    request.method(),
                    request.route(),
                    request.status(),
                    failure);
            refuse(ctx);
        } else {
            LOG.error(
                    "Request '{}' ({} {}) was answered {} but could not be put on the record",
                    request.requestId(),
                    request.method(),
                    request.route(),
                    request.status(),
                    failure);
        }
    }

    static AuditedRequest describe(Context ctx) {
        String route = RequestScope.matchedRoute(ctx);
        String address = ctx.req().getRemoteAddr();
        return new AuditedRequest(
                method(ctx.req().getMethod()),
                route == null ? AuditedRequest.UNMATCHED : route,
                ctx.statusCode(),
                RequestScope.elapsedMillis(ctx),
                RequestScope.caller(ctx),
                RequestScope.requestId(ctx),
                address == null || address.isEmpty() ? "unknown" : address,
                RequestScope.authenticationFailed(ctx));
    }

    /** A standard method as it is; any other token, which the client chose, as {@value AuditedRequest#OTHER}. */
    static String method(String method) {
        return METHODS.contains(method) ? method : AuditedRequest.OTHER;
    }

    /** Replaces the whole answer, headers included (a {@code Location} or {@code ETag} of the read must not stay). */
    private void refuse(Context ctx) {
        String requestId = RequestScope.requestId(ctx);
        ctx.res().reset();
        ctx.header(RequestIds.HEADER, requestId);
        problems.write(ctx, UNRECORDED);
    }
}
