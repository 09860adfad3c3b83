package io.portcullis.egress.internal;

import io.portcullis.spi.EgressException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * One request of a redirect chain: where it goes and what it carries. {@link #next} applies the
 * redirect rules browsers follow: 303 turns anything but HEAD into a body-less GET, 301 and 302 turn a
 * POST into one, 307 and 308 keep method and body.
 *
 * @param method the method
 * @param target the checked destination
 * @param body   the body, empty for none
 */
record Hop(String method, Target target, byte[] body) {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** The location {@code response} redirects to, resolved against this hop's URL; empty if none. */
    Optional<URI> redirect(Response response) throws EgressException {
        if (!redirects(response)) {
            return Optional.empty();
        }
        Optional<String> location = response.header("Location");
        try {
            return Optional.of(target.uri().resolve(new URI(location.get().trim())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new EgressException(EgressException.Reason.FAILED, "a redirect's location is malformed");
        }
    }

    /** Whether {@code response} is a redirect to follow (its body is then of no interest). */
    static boolean redirects(Response response) {
        return REDIRECTS.contains(response.status())
                && response.header("Location").isPresent();
    }

    /** The hop that follows a {@code status} redirect to {@code next}. */
    Hop next(int status, Target next) {
        boolean toGet = (status == 303 && !method.equals("HEAD"))
                || ((status == 301 || status == 302) && method.equals("POST"));
        return toGet ? new Hop("GET", next, new byte[0]) : new Hop(method, next, body);
    }
}
