package io.portcullis.web.internal;

import io.portcullis.web.HttpMethod;
import io.portcullis.web.Route;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route the server answers, contributed by route providers that come and go. Copy-on-write:
 * requests read an immutable snapshot without locking; providers change it under a lock.
 *
 * <p>Matching picks, among the routes of the request's method, the template whose literal comes
 * first where the candidates differ ({@code /a/b} beats {@code /a/{x}}). A path that only other
 * methods answer is a 405 naming them.
 */
final class RouteTable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    private record Entry(Route route, PathTemplate template, Object owner, String ownerName) {}

    private volatile List<Entry> entries = List.of();

    /**
     * Adds {@code owner}'s routes. A route whose method and template shape another route already
     * has, or whose template is invalid, is refused with a WARN naming both owners.
     *
     * @return the number of routes added
     */
    synchronized int add(Object owner, String ownerName, List<Route> routes) {
        List<Entry> next = new ArrayList<>(entries);
        int added = 0;
        for (Route route : routes) {
            PathTemplate template;
            try {
                template = PathTemplate.parse(route.path());
            } catch (IllegalArgumentException e) {
                LOG.warn("Refused route {} '{}' of {}: {}", route.method(), route.path(), ownerName, e.getMessage());
                continue;
            }
            String unknown = unknownPlaceholder(route, template);
            if (unknown != null) {
                LOG.warn(
                        "Refused route {} '{}' of {}: its permission names {{}}, which the path does not have",
                        route.method(),
                        route.path(),
                        ownerName,
                        unknown);
                continue;
            }
            Entry taken = find(next, route.method(), template.shape());
            if (taken != null) {
                LOG.warn(
                        "Refused route {} '{}' of {}: {} already serves {} '{}'",
                        route.method(),
                        route.path(),
                        ownerName,
                        taken.ownerName,
                        taken.route.method(),
                        taken.route.path());
                continue;
            }
            next.add(new Entry(route, template, owner, ownerName));
            added++;
        }
        entries = List.copyOf(next);
        return added;
    }

    /** Removes every route that {@code owner} added. */
    synchronized void remove(Object owner) {
        entries = entries.stream().filter(e -> !e.owner.equals(owner)).toList();
    }

    /** The routes served now, and the bundle that contributed each, for the API description. */
    List<OpenApi.Entry> described() {
        List<OpenApi.Entry> described = new ArrayList<>();
        for (Entry entry : entries) {
            int space = entry.ownerName.indexOf(' ');
            String bundle = space < 0 ? entry.ownerName : entry.ownerName.substring(0, space);
            described.add(new OpenApi.Entry(entry.route, entry.template.paramNames(), bundle));
        }
        return described;
    }

    /** Changes whenever the routes do: a key under which a description of them can be kept. */
    Object version() {
        return entries;
    }

    /** Matches a request: {@code method} is the raw HTTP method, {@code path} the raw request path. */
    RouteMatch match(String method, String path) {
        String[] segments = PathTemplate.segments(path);
        @Nullable HttpMethod wanted = parse(method);
        Set<HttpMethod> allowed = EnumSet.noneOf(HttpMethod.class);
        Entry best = null;
        Map<String, String> bestParams = Map.of();
        for (Entry entry : entries) {
            Map<String, String> params = entry.template.match(segments);
            if (params == null) {
                continue;
            }
            allowed.add(entry.route.method());
            if (entry.route.method() == wanted
                    && (best == null || entry.template.compareSpecificity(best.template) < 0)) {
                best = entry;
                bestParams = params;
            }
        }
        if (best != null) {
            return new RouteMatch.Found(best.route, bestParams);
        }
        return allowed.isEmpty() ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(allowed);
    }

    private static @Nullable Entry find(List<Entry> entries, HttpMethod method, String shape) {
        for (Entry entry : entries) {
            if (entry.route.method() == method && entry.template.shape().equals(shape)) {
                return entry;
            }
        }
        return null;
    }

    /** A placeholder of the route's permission that no path parameter fills, or null. */
    private static @Nullable String unknownPlaceholder(Route route, PathTemplate template) {
        String permission = route.access().permission();
        if (permission == null) {
            return null;
        }
        for (String name : Permissions.placeholders(permission)) {
            if (!template.paramNames().contains(name)) {
                return name;
            }
        }
        return null;
    }

    private static @Nullable HttpMethod parse(String method) {
        for (HttpMethod candidate : HttpMethod.values()) {
            if (candidate.name().equals(method)) {
                return candidate;
            }
        }
        return null;
    }
}
