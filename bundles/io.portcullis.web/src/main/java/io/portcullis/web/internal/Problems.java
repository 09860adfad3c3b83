package io.portcullis.web.internal;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.portcullis.web.ProblemException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into RFC 9457 problems. Only a {@link ProblemException}'s own
 * words reach the client, and those only through the vault's redactor; any other exception becomes
 * a generic 500, logged here with its request id.
 */
final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    static final String INTERNAL_DETAIL =
            "The server could not handle this request; quote the request_id when reporting it.";

    private final UnaryOperator<String> redactor;

    /** {@code redactor} cleans every text of every problem this instance writes. */
    Problems(UnaryOperator<String> redactor) {
        this.redactor = redactor;
    }

    /** The problem to send for {@code failure}. */
    static Problem from(Throwable failure, String requestId) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Refusal refusal) {
                return refusal.problem();
            }
            if (t instanceof ProblemException problem) {
                return new Problem(problem.status(), problem.title(), problem.detail(), Map.of());
            }
            // Javalin's and Jetty's own refusals carry a status; their messages may quote the request.
            if (t instanceof HttpResponseException response && response.getStatus() >= 400) {
                return forStatus(response.getStatus());
            }
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return forStatus(http.getCode());
            }
        }
        LOG.error("Request '{}' failed", requestId, failure);
        return forStatus(500);
    }

    /** A problem for a status that the server chose itself, with a generic detail. */
    static Problem forStatus(int status) {
        return Problem.of(
                status,
                switch (status) {
                    case 400 -> "The request is malformed.";
                    case 404 -> "No resource exists at this path.";
                    case 405 -> "This method is not allowed at this path.";
                    case 408 -> "The request did not arrive in time.";
                    case 413 -> "The request is too large.";
                    case 414 -> "The request URI is too long.";
                    case 415 -> "The request's content type is not supported here.";
                    case 431 -> "The request's headers are too large.";
                    case 500 -> INTERNAL_DETAIL;
                    case 503 -> "The server cannot handle this request right now.";
                    default -> Problem.reason(status) + ".";
                });
    }

    /** The JSON body of {@code problem}, its texts redacted. */
    byte[] body(Problem problem, @Nullable String instance, String requestId) {
        return problem.toJson(instance, requestId, redactor);
    }

    /** Writes {@code problem} as the response of {@code ctx}. */
    void write(Context ctx, Problem problem) {
        byte[] body = body(problem, ctx.path(), RequestScope.requestId(ctx));
        ctx.status(problem.status());
        problem.headers().forEach(ctx::header);
        ctx.contentType(Json.PROBLEM_JSON);
        ctx.result(body);
        RequestScope.markWritten(ctx);
    }

    /** Maps and writes in one step: what every catch in the request path does. */
    void write(Context ctx, Throwable failure) {
        write(ctx, from(failure, RequestScope.requestId(ctx)));
    }
}
