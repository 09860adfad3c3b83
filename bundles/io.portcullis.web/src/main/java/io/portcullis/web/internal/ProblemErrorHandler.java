package io.portcullis.web.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error pages for failures that never reach Javalin (a malformed request line, headers or
 * URI too large, a URI Jetty refuses): problem+json instead of HTML, without Jetty's message, its
 * texts (generic ones and the request path) redacted like every problem.
 * The server-wide handler; {@link Servlet} is the same for the servlet context, which needs
 * Jetty's servlet subclass.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final Problems problems;

    ProblemErrorHandler(Problems problems) {
        this.problems = problems;
        hideDetails(this);
    }

    /** Jetty writes bodies only for GET, POST and HEAD by default; a problem suits every method. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            @Nullable String message,
            @Nullable Throwable cause,
            Callback callback)
            throws IOException {
        writeProblem(problems, request, response, code, cause, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, @Nullable String reason, HttpFields.Mutable fields) {
        String requestId = RequestIds.generate();
        fields.put(HttpHeader.CONTENT_TYPE, Json.PROBLEM_JSON);
        fields.put(RequestIds.HEADER, requestId);
        return ByteBuffer.wrap(problems.body(Problems.forStatus(status), null, requestId));
    }

    /** Neither stack traces nor causes in what Jetty writes, for either handler. */
    private static void hideDetails(ErrorHandler handler) {
        handler.setShowStacks(false);
        handler.setShowCauses(false);
    }

    static void writeProblem(
            Problems problems,
            Request request,
            Response response,
            int code,
            @Nullable Throwable cause,
            Callback callback) {
        String requestId = RequestIds.acceptOrGenerate(request.getHeaders().get(RequestIds.HEADER));
        if (cause instanceof HttpException) {
            // Jetty refused what the client sent (a bad version, request line or header): the client's
            // mistake, one line, even as a 505; a stack trace per bad request would let anyone flood the log.
            ClientErrors.refused(remote(request), code);
        } else if (code >= 500) {
            LOG.error("Request '{}' failed in the HTTP server", requestId, cause);
        }
        byte[] body = problems.body(Problems.forStatus(code), path(request), requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.PROBLEM_JSON);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static @Nullable String remote(Request request) {
        try {
            return Request.getRemoteAddr(request);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The path of a request Jetty could parse that far, else none ({@code /badMessage} is Jetty's stand-in). */
    private static @Nullable String path(Request request) {
        try {
            String path =
                    request.getHttpURI() == null ? null : request.getHttpURI().getPath();
            return "/badMessage".equals(path) ? null : path;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The servlet context's error handler, answering the same way. */
    static final class Servlet extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

        private final Problems problems;

        Servlet(Problems problems) {
            this.problems = problems;
            hideDetails(this);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request,
                Response response,
                int code,
                @Nullable String message,
                @Nullable Throwable cause,
                Callback callback)
                throws IOException {
            writeProblem(problems, request, response, code, cause, callback);
        }
    }
}
