package io.portcullis.web.internal;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on {@code io.portcullis.web.request}: method, route template, status,
 * latency, request id and the caller's workspace ({@code platform} for a platform caller, {@code -}
 * without a caller). Never a header, query string or body: they may hold secrets.
 */
final class RequestLog {

    private static final Logger REQUESTS = LoggerFactory.getLogger("io.portcullis.web.request");

    private RequestLog() {}

    static void log(Context ctx, Float latencyMillis) {
        try {
            REQUESTS.info(
                    "method={} route={} status={} latency_ms={} request_id={} workspace={}",
                    ctx.req().getMethod(),
                    RequestScope.route(ctx),
                    ctx.statusCode(),
                    Math.round(latencyMillis),
                    RequestScope.requestId(ctx),
                    RequestScope.workspace(ctx));
        } finally {
            RequestScope.end();
        }
    }
}
