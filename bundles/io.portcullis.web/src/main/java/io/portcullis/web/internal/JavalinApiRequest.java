package io.portcullis.web.internal;

import io.javalin.http.Context;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.SecretScreen;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A route handler's view of one Javalin request. Not thread-safe: it lives for one handler call. */
final class JavalinApiRequest implements ApiRequest {

    private final Context ctx;
    private final HttpMethod method;
    private final String routeTemplate;
    private final Map<String, String> rawParams;
    private final long maxBodyBytes;
    private final Duration bodyTimeout;
    private final @Nullable Caller caller;
    private final Supplier<@Nullable SecretScreen> screen;
    private byte @Nullable [] body;

    JavalinApiRequest(
            Context ctx,
            HttpMethod method,
            String routeTemplate,
            Map<String, String> rawParams,
            long maxBodyBytes,
            Duration bodyTimeout,
            @Nullable Caller caller,
            Supplier<@Nullable SecretScreen> screen) {
        this.ctx = ctx;
        this.method = method;
        this.routeTemplate = routeTemplate;
        this.rawParams = rawParams;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeout = bodyTimeout;
        this.caller = caller;
        this.screen = screen;
    }

    @Override
    public HttpMethod method() {
        return method;
    }

    @Override
    public String routeTemplate() {
        return routeTemplate;
    }

    @Override
    public String pathParam(String name) {
        String raw = rawParams.get(name);
        if (raw == null) {
            throw new IllegalArgumentException("route " + routeTemplate + " has no parameter {" + name + "}");
        }
        try {
            return PathTemplate.decode(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Path parameter '" + name + "' is not correctly percent-encoded.");
        }
    }

    /**
     * A query value is free text that handlers match against columns; PostgreSQL refuses a NUL in text
     * (a 500 from {@code ?action=%00}), and no filter or cursor has control characters, so they are a 400.
     */
    @Override
    public Optional<String> queryParam(String name) {
        String value = ctx.queryParam(name);
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.badRequest("Query parameter '" + name + "' must not contain control characters.");
        }
        return Optional.ofNullable(value);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(ctx.header(name));
    }

    @Override
    public Caller caller() {
        if (caller == null) {
            throw new IllegalStateException("route " + routeTemplate + " is public: its requests have no caller");
        }
        return caller;
    }

    @Override
    public String requestId() {
        return RequestScope.requestId(ctx);
    }

    @Override
    public <T> T body(Class<T> type) {
        MediaTypes.requireJson(MediaTypes.contentType(ctx));
        return JsonBodies.bind(read(), type);
    }

    @Override
    public byte[] bodyBytes(Set<String> mediaTypes) {
        if (!MediaTypes.accepted(mediaTypes, MediaTypes.contentType(ctx))) {
            throw MediaTypes.unsupported(mediaTypes);
        }
        return read();
    }

    @Override
    public void requireNotSecret(String field, String text) {
        SecretScreen.requireNone(screen.get(), callerWorkspace(), field, text);
    }

    /** The body, read once within the route's limit; 400 when empty. */
    private byte[] read() {
        if (body == null) {
            body = RequestBody.read(ctx.req(), maxBodyBytes, bodyTimeout, routeTemplate);
        }
        if (body.length == 0) {
            throw ProblemException.badRequest("Request body is required.");
        }
        return body;
    }
}
