package io.portcullis.egress.internal;

import io.portcullis.egress.CallScope;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.EgressStreamSink;
import io.portcullis.spi.Scopes;
import java.net.URI;
import java.time.Clock;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EgressClient} of one plugin call. Each send: deadline, {@code net.egress}, method and
 * headers, the URL ({@link UrlGuard}), then the credential ({@link CredentialGate}); then the hops,
 * each redirect checked from scratch, the credential sent only to hosts it allows, at most
 * {@link EgressSettings#maxRedirects()} redirects; the final response scrubbed of the credential.
 * {@link #send} and {@link #stream} share all of this and differ only in how the final body is taken
 * ({@link Reading}).
 */
final class GuardedClient implements EgressClient {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedClient.class);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final CallScope scope;
    private final PluginPolicy policy;
    private final UrlGuard guard;
    private final Predicate<String> granted;
    private final CredentialGate credentials;
    private final HttpHop http;
    private final EgressSettings settings;
    private final Deadline deadline;

    GuardedClient(
            CallScope scope,
            PluginPolicy policy,
            UrlGuard guard,
            Predicate<String> granted,
            CredentialGate credentials,
            HttpHop http,
            EgressSettings settings,
            Clock clock) {
        this.scope = scope;
        this.policy = policy;
        this.guard = guard;
        this.granted = granted;
        this.credentials = credentials;
        this.http = http;
        this.settings = settings;
        this.deadline = new Deadline(scope.deadline(), clock);
    }

    @Override
    public EgressResponse send(EgressRequest request) throws EgressException {
        Checked checked = check(request);
        Response response = follow(checked, Reading.whole(settings.maxBodyBytes()));
        Scrubber scrubber = checked.scrubber();
        return new EgressResponse(
                response.status(), scrubber.headers(response.headers()), scrubber.body(response.body()));
    }

    @Override
    public void stream(EgressRequest request, EgressStreamSink sink) throws EgressException {
        Checked checked = check(request);
        follow(checked, new LineReading(sink, checked.scrubber(), settings.streams()));
    }

    /**
     * A request past every check, ready for its first hop.
     *
     * @param first the first hop
     * @param headers the plugin's headers
     * @param injection the credential to inject, or null
     * @param scrubber what removes the credential from whatever comes back
     */
    private record Checked(
            Hop first,
            Map<String, List<String>> headers,
            @Nullable Injection injection,
            Scrubber scrubber) {}

    /** The checks before anything is sent: deadline, grant, method, headers, URL, credential. */
    private Checked check(EgressRequest request) throws EgressException {
        deadline.remaining();
        if (!policy.holds(scope.pluginId(), Scopes.NET_EGRESS)) {
            throw UrlGuard.refused("plugin '" + scope.pluginId() + "' does not hold " + Scopes.NET_EGRESS);
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw UrlGuard.refused("method '" + method + "' is not allowed");
        }
        Set<String> headerNames = RequestHeaders.check(request.headers());
        Target first = guard.check(request.uri(), scope.rules(), granted);
        Injection injection = request.credential() == null
                ? null
                : credentials.open(scope, request.credential(), first.host(), headerNames);
        Scrubber scrubber = injection == null ? Scrubber.none() : new Scrubber(injection.secrets());
        return new Checked(new Hop(method, first, request.body()), request.headers(), injection, scrubber);
    }

    /** The hops of {@code checked}, {@code reading} taking the final response's body. */
    private Response follow(Checked checked, Reading reading) throws EgressException {
        try {
            return hops(checked, reading);
        } catch (LineReading.SinkFailure e) {
            throw e.plugin(); // the plugin's own sink failed: its exception, back to it
        } catch (RuntimeException e) { // the core never throws into a plugin: a bug here is a failed request
            LOG.warn(
                    "Egress of plugin '{}' failed unexpectedly ({})",
                    scope.pluginId(),
                    e.getClass().getName());
            throw new EgressException(EgressException.Reason.FAILED, "the request failed inside the guard");
        }
    }

    private Response hops(Checked checked, Reading reading) throws EgressException {
        Hop hop = checked.first();
        Injection injection = checked.injection();
        Scrubber scrubber = checked.scrubber();
        for (int redirects = 0; ; redirects++) {
            if (hop.target().intranet()) {
                LOG.info(
                        "Plugin '{}' of workspace '{}' reaches host '{}' through a private CIDR or endpoint",
                        scope.pluginId(),
                        scope.workspaceId(),
                        hop.target().host().name());
            }
            Response response = http.exchange(
                    hop.target(),
                    hop.method(),
                    headers(checked.headers(), injection, hop.target()),
                    hop.body(),
                    deadline,
                    reading);
            Optional<URI> location = hop.redirect(response);
            if (location.isEmpty()) {
                return response;
            }
            if (redirects >= settings.maxRedirects()) {
                throw UrlGuard.refused("more than " + settings.maxRedirects() + " redirects");
            }
            if (scrubber.containsSecret(location.get().toString())
                    || response.header("Location").map(scrubber::containsSecret).orElse(false)) {
                throw UrlGuard.refused("a redirect's location carries the credential");
            }
            Target next;
            try {
                next = guard.check(location.get(), scope.rules(), granted);
            } catch (EgressException e) {
                throw new EgressException(e.reason(), "redirect refused: " + e.getMessage());
            }
            hop = hop.next(response.status(), next);
        }
    }

    /** The plugin's headers, plus the credential's when this hop's host is one it allows. */
    private static List<Map.Entry<String, String>> headers(
            Map<String, List<String>> plugin, @Nullable Injection injection, Target target) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        plugin.forEach((name, values) -> values.forEach(value -> headers.add(new SimpleEntry<>(name, value))));
        if (injection != null && injection.allows(target.host())) {
            headers.add(new SimpleEntry<>(injection.header(), injection.value()));
        }
        return headers;
    }
}
