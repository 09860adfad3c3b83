package io.portcullis.web.internal;

import io.portcullis.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body within the size limit, whether the client declared its length or streamed it. */
final class RequestBody {

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

    /** The whole body; reads at most one byte past the limit, so a chunked flood stops there. */
    static byte[] read(HttpServletRequest request, long maxBytes) {
        checkDeclaredLength(request, maxBytes);
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.badRequest("Request body could not be read.");
        }
    }

    private static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(413, "Content Too Large", "Request body is larger than " + maxBytes + " bytes.");
    }
}
