package io.portcullis.web.internal;

import io.javalin.http.Context;
import io.portcullis.web.Access;
import io.portcullis.web.Caller;
import io.portcullis.web.ProblemException;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Who may call a matched route, decided before its handler runs and before its body is read: the
 * bearer credential (401, or 503 without any authenticator), the rate limits (429) and the route's
 * permission (404 for another workspace, exactly like an unknown path; 403 otherwise). Only the
 * {@code Authorization} header is read: never a tenant or workspace header.
 */
final class AccessGate {

    static final String API_PREFIX = "/api/";
    static final String HEALTH_PREFIX = "/health/";

    private static final Problem UNAUTHORIZED =
            new Problem(401, "Unauthorized", "A valid credential is required.", Map.of("WWW-Authenticate", "Bearer"));

    private final Authenticators authenticators;
    private final Supplier<WebSettings> settings;
    private final RateLimiter callerLimits;
    private final RateLimiter addressLimits;

    AccessGate(
            Authenticators authenticators,
            Supplier<WebSettings> settings,
            RateLimiter callerLimits,
            RateLimiter addressLimits) {
        this.authenticators = authenticators;
        this.settings = settings;
        this.callerLimits = callerLimits;
        this.addressLimits = addressLimits;
    }

    /** The caller of a route that is not public, or null for a public route; throws the refusal otherwise. */
    @Nullable Caller check(Context ctx, RouteMatch.Found match) {
        Access access = match.route().access();
        RateLimits limits = settings.get().rateLimits();
        if (access.anonymous()) {
            if (ctx.path().startsWith(API_PREFIX)) {
                limitAddress(ctx, limits);
            }
            return null;
        }
        Caller caller = authenticate(ctx, limits, Permissions.param(match.rawParams(), "ws"));
        RequestScope.caller(ctx, caller);
        throwIfLimited(callerLimits.acquire(caller.id(), limits.forClass(caller.rateClass())));
        authorize(caller, access, match.rawParams());
        return caller;
    }

    private Caller authenticate(Context ctx, RateLimits limits, @Nullable String routeWorkspace) {
        String credential = BearerCredential.of(ctx.req().getHeaders("Authorization"));
        if (credential == null) {
            throw unauthorized(ctx, limits);
        }
        if (authenticators.isEmpty()) {
            throw new ProblemException(503, "Service Unavailable", "Authentication is not available.");
        }
        return authenticators.authenticate(credential, routeWorkspace).orElseThrow(() -> unauthorized(ctx, limits));
    }

    /** Every refused credential counts against the client's address; once that is spent, the answer is 429. */
    private RuntimeException unauthorized(Context ctx, RateLimits limits) {
        RequestScope.markAuthenticationFailed(ctx);
        if (!ctx.path().startsWith(HEALTH_PREFIX)) {
            limitAddress(ctx, limits);
        }
        return new Refusal(UNAUTHORIZED);
    }

    private void limitAddress(Context ctx, RateLimits limits) {
        throwIfLimited(
                addressLimits.acquire(ClientAddress.key(ctx.req().getRemoteAddr()), limits.anonymousPerMinute()));
    }

    private static void throwIfLimited(long retryAfterSeconds) {
        if (retryAfterSeconds > 0) {
            throw new Refusal(new Problem(
                    429,
                    "Too Many Requests",
                    "Too many requests; retry after the number of seconds in Retry-After.",
                    Map.of("Retry-After", Long.toString(retryAfterSeconds))));
        }
    }

    /**
     * Path values fill the permission's placeholders; an unsafe value is a 404. A workspace-bound
     * route answers 404 for any workspace but the caller's own, before the permission is looked at,
     * so the answer never tells whether the workspace exists.
     */
    private static void authorize(Caller caller, Access access, Map<String, String> rawParams) {
        String template = access.permission();
        if (template == null) {
            return;
        }
        String permission = Permissions.expand(template, rawParams);
        if (permission == null) {
            throw ProblemException.notFound();
        }
        if (access.workspaceBound()) {
            String workspace = Permissions.param(rawParams, "ws");
            if (workspace == null
                    || !caller.workspaceId().map(workspace::equals).orElse(false)) {
                throw ProblemException.notFound();
            }
        }
        if (!caller.isPermitted(permission)) {
            throw new ProblemException(
                    403,
                    "Forbidden",
                    caller.roleFor(permission)
                            .map(role -> "The credential does not allow this request: it requires role " + role + ".")
                            .orElse("The credential does not allow this request."));
        }
    }
}
