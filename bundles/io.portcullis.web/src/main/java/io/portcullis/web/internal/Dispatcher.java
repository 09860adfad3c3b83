package io.portcullis.web.internal;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.SecretScreen;
import io.portcullis.web.StreamingBody;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The catch-all Javalin handler: Javalin only takes routes at start, so every request comes here
 * and is routed through the {@link RouteTable}, which providers change at run time. A matched
 * route passes the {@link AccessGate} before anything else of the request is looked at.
 */
final class Dispatcher implements Handler {

    private final RouteTable routes;
    private final Supplier<WebSettings> settings;
    private final AccessGate gate;
    private final Problems problems;
    private final Supplier<@Nullable SecretScreen> screen;

    Dispatcher(
            RouteTable routes,
            Supplier<WebSettings> settings,
            AccessGate gate,
            Problems problems,
            Supplier<@Nullable SecretScreen> screen) {
        this.routes = routes;
        this.settings = settings;
        this.gate = gate;
        this.problems = problems;
        this.screen = screen;
    }

    @Override
    public void handle(Context ctx) {
        try {
            dispatch(ctx);
        } catch (Exception e) {
            problems.write(ctx, e);
        }
    }

    private void dispatch(Context ctx) throws Exception {
        String method = ctx.req().getMethod();
        // HEAD is GET without a body; Jetty drops the body.
        RouteMatch match = routes.match("HEAD".equals(method) ? "GET" : method, ctx.path());
        if (match instanceof RouteMatch.NotFound) {
            throw ProblemException.notFound();
        }
        if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            String allow = notAllowed.allowed().stream().map(Enum::name).collect(Collectors.joining(", "));
            problems.write(
                    ctx,
                    new Problem(
                            405,
                            "Method Not Allowed",
                            "This path answers " + allow + " only.",
                            Map.of("Allow", allow)));
            return;
        }
        RouteMatch.Found found = (RouteMatch.Found) match;
        HttpMethod routeMethod = found.route().method();
        RequestScope.route(ctx, found.route().path());
        Caller caller = gate.check(ctx, found);
        long maxBody = maxBody(found.route());
        RequestBody.checkDeclaredLength(ctx.req(), maxBody);
        if (routeMethod.hasBody() && RequestBody.announced(ctx.req())) {
            MediaTypes.requireAccepted(found.route(), MediaTypes.contentType(ctx));
        }
        ApiResponse response = found.route()
                .handler()
                .handle(new JavalinApiRequest(
                        ctx,
                        routeMethod,
                        found.route().path(),
                        found.rawParams(),
                        maxBody,
                        settings.get().requestBodyTimeout(),
                        caller,
                        screen));
        write(ctx, response);
    }

    /** The route's own body limit, else the server's: one number for the declared length and the read. */
    private long maxBody(Route route) {
        return route.maxBodyBytes() > 0 ? route.maxBodyBytes() : settings.get().maxBodyBytes();
    }

    /** Serialises first, so a body Jackson cannot write becomes a clean 500 rather than half a response. */
    private static void write(Context ctx, ApiResponse response) throws Exception {
        if (response.body() instanceof StreamingBody stream) {
            writeStream(ctx, response, stream);
            return;
        }
        byte[] body = response.body() == null ? null : Json.MAPPER.writeValueAsBytes(response.body());
        ctx.status(response.status());
        response.headers().forEach((name, value) -> {
            if (!RequestIds.HEADER.equalsIgnoreCase(name)) {
                ctx.header(name, value);
            }
        });
        if (body != null) {
            ctx.contentType(Json.JSON);
            ctx.result(body);
        }
        RequestScope.markWritten(ctx);
    }

    /** Status and headers first, then the body as the handler produces it, straight to the client. */
    private static void writeStream(Context ctx, ApiResponse response, StreamingBody stream) throws Exception {
        ctx.status(response.status());
        response.headers().forEach((name, value) -> {
            if (!RequestIds.HEADER.equalsIgnoreCase(name)) {
                ctx.header(name, value);
            }
        });
        ctx.contentType(stream.contentType());
        RequestScope.markWritten(ctx);
        OutputStream out = ctx.res().getOutputStream();
        stream.writeTo(out);
        out.flush();
    }

    static ProblemException unsupportedMediaType() {
        return new ProblemException(
                415, "Unsupported Media Type", "Request body must be JSON (Content-Type application/json).");
    }
}
