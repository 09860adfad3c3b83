package io.portcullis.web.internal;

import io.portcullis.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Reads a request body within the size limit, whether the client declared its length or streamed it. */
final class RequestBody {

    private static final int BUFFER = 8192;

    private RequestBody() {}

    /** 413 up front when the declared length is over {@code maxBytes}. */
    static void checkDeclaredLength(HttpServletRequest request, long maxBytes) {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
    }

    /** True if the request announces a body: a positive length or chunked transfer. */
    static boolean announced(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
    }

    /**
     * The whole body; reads at most one byte past the limit, so a chunked flood stops there, and only
     * within {@code timeout}: a body trickled in holds a worker thread, so it is cut off with a 408.
     */
    static byte[] read(HttpServletRequest request, long maxBytes, Duration timeout, String route) {
        checkDeclaredLength(request, maxBytes);
        BodyDeadline deadline = BodyDeadline.start(request, timeout);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = request.getInputStream()) {
            while (body.size() <= maxBytes) {
                if (!deadline.beforeRead()) {
                    throw slow(request, route, timeout);
                }
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - body.size()));
                if (n < 0) {
                    return body.toByteArray();
                }
                body.write(buffer, 0, n);
            }
            throw tooLarge(maxBytes);
        } catch (IOException e) {
            if (deadline.passed() || timedOut(e)) {
                throw slow(request, route, timeout);
            }
            ClientErrors.bodyAbandoned(request.getRemoteAddr(), route);
            throw ProblemException.badRequest("Request body could not be read.");
        } finally {
            deadline.close();
        }
    }

    /** Jetty's idle timeout, bounded by the deadline while the body is read: the body was too slow too. */
    private static boolean timedOut(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Refusal slow(HttpServletRequest request, String route, Duration timeout) {
        ClientErrors.slowBody(request.getRemoteAddr(), route, timeout.toSeconds());
        // The rest of the body may still be on its way: this connection is not reused.
        return new Refusal(new Problem(
                408,
                "Request Timeout",
                "The request body did not arrive within " + timeout.toSeconds() + " seconds.",
                Map.of("Connection", "close")));
    }

    private static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(413, "Content Too Large", "Request body is larger than " + maxBytes + " bytes.");
    }
}
