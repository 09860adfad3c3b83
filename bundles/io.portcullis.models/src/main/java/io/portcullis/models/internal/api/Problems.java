package io.portcullis.models.internal.api;

import io.portcullis.models.ModelRefusal;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.StreamingBody;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A model refusal as an RFC 9457 problem, with {@code kind} (such as {@code budget_exhausted}) as an
 * extension member and {@code Retry-After} when the refusal names a wait. Written as a body of its own
 * because a {@code ProblemException} carries no headers.
 */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {}

    /** The problem's members; the refusal's message is safe to show (no secret, no prompt). */
    static Map<String, Object> body(ModelRefusal refusal, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(refusal.kind().status()));
        body.put("status", refusal.kind().status());
        body.put("detail", refusal.getMessage());
        body.put("kind", refusal.kind().name().toLowerCase(Locale.ROOT));
        body.put("request_id", requestId);
        return body;
    }

    /** The refusal answered before any streaming: its status, problem JSON and {@code Retry-After}. */
    static ApiResponse response(ModelRefusal refusal, String requestId) {
        byte[] json = CompletionJson.bytes(body(refusal, requestId));
        StreamingBody body = new StreamingBody() {
            @Override
            public String contentType() {
                return PROBLEM_JSON;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(json);
            }
        };
        Map<String, String> headers = refusal.retryAfterSeconds() > 0
                ? Map.of("Retry-After", Long.toString(refusal.retryAfterSeconds()))
                : Map.of();
        return new ApiResponse(refusal.kind().status(), body, headers);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 402 -> "Payment Required";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
