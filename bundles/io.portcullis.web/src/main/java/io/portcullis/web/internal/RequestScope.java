package io.portcullis.web.internal;

import io.javalin.http.Context;
import io.portcullis.web.Caller;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** What the server remembers about the request in flight, kept as attributes of its context. */
final class RequestScope {

    private static final String REQUEST_ID = "io.portcullis.web.requestId";
    private static final String ROUTE = "io.portcullis.web.route";
    private static final String WRITTEN = "io.portcullis.web.written";
    private static final String CALLER = "io.portcullis.web.caller";
    private static final String STARTED = "io.portcullis.web.started";
    private static final String AUTHENTICATION_FAILED = "io.portcullis.web.authenticationFailed";

    static final String MDC_WORKSPACE = "workspace_id";
    static final String MDC_CALLER = "caller_id";
    /** The workspace of a caller that belongs to none: the platform administrator. */
    static final String PLATFORM = "platform";

    private RequestScope() {}

    /** First thing for every request: settles the request id, echoes it and puts it in the MDC. */
    static void begin(Context ctx) {
        String id = RequestIds.acceptOrGenerate(ctx.header(RequestIds.HEADER));
        ctx.attribute(REQUEST_ID, id);
        ctx.attribute(STARTED, System.nanoTime());
        ctx.header(RequestIds.HEADER, id);
        // Answers name members, keys and secrets' metadata: no cache on the way may keep one,
        // problems included. Set first, so every answer of the API carries it.
        ctx.header("Cache-Control", "no-store");
        MDC.remove(MDC_WORKSPACE); // in case a previous request on this thread did not end cleanly
        MDC.remove(MDC_CALLER);
        MDC.put(RequestIds.MDC_KEY, id);
    }

    /** Last thing for every request. */
    static void end() {
        MDC.remove(RequestIds.MDC_KEY);
        MDC.remove(MDC_WORKSPACE);
        MDC.remove(MDC_CALLER);
    }

    /** Records the authenticated caller; from here on every log line of the request names it and its workspace. */
    static void caller(Context ctx, Caller caller) {
        ctx.attribute(CALLER, caller);
        MDC.put(MDC_WORKSPACE, workspaceOf(caller));
        MDC.put(MDC_CALLER, caller.id());
    }

    /** The authenticated caller, or null when there is none (yet). */
    static @Nullable Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /** Records that the request's credential was missing or refused. */
    static void markAuthenticationFailed(Context ctx) {
        ctx.attribute(AUTHENTICATION_FAILED, Boolean.TRUE);
    }

    static boolean authenticationFailed(Context ctx) {
        return ctx.attribute(AUTHENTICATION_FAILED) != null;
    }

    /** Milliseconds since {@link #begin}; 0 if it never ran. */
    static long elapsedMillis(Context ctx) {
        Long started = ctx.attribute(STARTED);
        return started == null ? 0 : Math.max(0, (System.nanoTime() - started) / 1_000_000);
    }

    /** The caller's workspace id, {@value #PLATFORM} for a caller without one, {@code -} without a caller. */
    static String workspace(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        return caller == null ? "-" : workspaceOf(caller);
    }

    private static String workspaceOf(Caller caller) {
        return caller.workspaceId().orElse(PLATFORM);
    }

    static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        if (id == null) {
            // Only if Javalin failed before our first handler ran.
            begin(ctx);
            id = ctx.attribute(REQUEST_ID);
        }
        return id;
    }

    static void route(Context ctx, String template) {
        ctx.attribute(ROUTE, template);
    }

    /** The matched route template, or {@code -} when none matched. */
    static String route(Context ctx) {
        String route = matchedRoute(ctx);
        return route == null ? "-" : route;
    }

    /** The matched route template, or null when none matched. */
    static @Nullable String matchedRoute(Context ctx) {
        return ctx.attribute(ROUTE);
    }

    /** Marks the response as complete, so the error stage leaves it alone. */
    static void markWritten(Context ctx) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
    }

    static boolean written(Context ctx) {
        return ctx.attribute(WRITTEN) != null;
    }
}
