package io.portcullis.audit;

import org.jspecify.annotations.Nullable;

/**
 * What an HTTP status says about an attempt: a success is {@code allowed}, a refusal (4xx)
 * {@code denied}, a failure of the server (5xx) {@code error}; and the machine-readable reason code of
 * a refusal or failure, so that a query for {@code forbidden} finds every 403 whatever route or bundle
 * recorded it. The one mapping every bundle uses.
 */
public final class StatusReasons {

    private StatusReasons() {}

    public static Decision decision(int status) {
        if (status >= 500) {
            return Decision.ERROR;
        }
        return status >= 400 ? Decision.DENIED : Decision.ALLOWED;
    }

    /** The reason code of a 4xx or 5xx status; null for a success. */
    public static @Nullable String code(int status) {
        if (status < 400) {
            return null;
        }
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 410 -> "gone";
            case 412 -> "precondition_failed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable_content";
            case 428 -> "precondition_required";
            case 429 -> "too_many_requests";
            case 431 -> "request_header_fields_too_large";
            case 500 -> "internal_error";
            case 501 -> "not_implemented";
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            case 504 -> "gateway_timeout";
            default -> status < 500 ? "client_error" : "server_error";
        };
    }
}
