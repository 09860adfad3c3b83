package io.portcullis.tenancy.internal;

import java.util.Optional;
import org.apache.shiro.authc.AuthenticationToken;

/**
 * A bearer credential for Shiro. Parsed once; the raw value is kept only inside the parsed key, and
 * {@link #toString()} (which Shiro logs at debug level and puts in exception messages) shows nothing
 * of it.
 */
final class BearerToken implements AuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient Optional<ApiKeyToken> key;

    BearerToken(String bearer) {
        this.key = ApiKeyToken.parse(bearer);
    }

    /** The API key, or empty when the credential is not one. */
    Optional<ApiKeyToken> key() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return key.map(ApiKeyToken::id).orElse("");
    }

    @Override
    public Object getCredentials() {
        return key.<Object>map(ApiKeyToken::secret).orElse("");
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
