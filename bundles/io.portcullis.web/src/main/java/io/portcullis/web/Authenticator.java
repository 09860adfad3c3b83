package io.portcullis.web;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a bearer credential into a {@link Caller}. Registered as a service by the bundle that owns
 * identities (tenancy); the web bundle asks every registered authenticator in service ranking order
 * and takes the first answer. Without any, every non-public route answers 503.
 *
 * <p>Called on HTTP worker threads, concurrently. Must never throw for a bad credential and must
 * take about the same time whatever makes one bad, so that answers and timing reveal nothing.
 */
@ConsumerType
public interface Authenticator {

    /** The caller, or empty when the credential is unknown, malformed, expired, revoked or not this authenticator's. */
    Optional<Caller> authenticate(String bearer);

    /**
     * As {@link #authenticate(String)}, for a route that names a workspace ({@code {ws}} in its path):
     * an identity that is a member of several workspaces (a JWT subject) authenticates as its member of
     * that one. {@code routeWorkspace} is the path's value, unchecked: never trust it beyond choosing.
     */
    default Optional<Caller> authenticate(String bearer, @Nullable String routeWorkspace) {
        return authenticate(bearer);
    }
}
