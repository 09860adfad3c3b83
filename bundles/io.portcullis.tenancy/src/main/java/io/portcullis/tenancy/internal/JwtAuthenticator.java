package io.portcullis.tenancy.internal;

import io.portcullis.web.Authenticator;
import io.portcullis.web.Caller;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer JWTs, asked after the API key authenticator (lower service ranking). Anything that is not
 * three non-empty base64url segments (an API key {@code pk_...}, an unsigned {@code alg=none} token, an
 * encrypted one) is not parsed at all; a signed token must pass {@link JwtVerifier}, and its subject
 * must be bound to a member. Never throws for a bad token, and never logs the token or its subject.
 */
final class JwtAuthenticator implements Authenticator {

    /** Larger bearers are not tokens of any identity provider we expect; refused before parsing. */
    static final int MAX_LENGTH = 16 * 1024;

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    private final JwtVerifier verifier;
    private final SubjectLookup lookup;

    JwtAuthenticator(JwtVerifier verifier, SubjectLookup lookup) {
        this.verifier = verifier;
        this.lookup = lookup;
    }

    static boolean looksLikeJwt(String bearer) {
        return bearer.length() <= MAX_LENGTH && SHAPE.matcher(bearer).matches();
    }

    @Override
    public Optional<Caller> authenticate(String bearer) {
        return authenticate(bearer, null);
    }

    /** The subject's member in the route's workspace: subjects are bound per workspace. */
    @Override
    public Optional<Caller> authenticate(String bearer, @Nullable String routeWorkspace) {
        if (!looksLikeJwt(bearer)) {
            return Optional.empty();
        }
        try {
            Optional<String> subject = verifier.subject(bearer);
            if (subject.isEmpty()) {
                return Optional.empty();
            }
            return lookup.find(subject.get(), routeWorkspace).map(JwtCaller::new);
        } catch (SQLException e) {
            LOG.warn(
                    "JWT subject could not be looked up ({}); not authenticated",
                    e.getClass().getSimpleName());
            return Optional.empty();
        } catch (RuntimeException e) { // a bug: fail closed, without the token or the message
            LOG.warn("JWT authentication failed unexpectedly ({})", e.getClass().getName());
            return Optional.empty();
        }
    }
}
