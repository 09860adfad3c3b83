package io.portcullis.tenancy.internal;

import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.KeyPrincipal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shiro's view of API keys and the platform admin key. Every attempt hashes the presented secret
 * once and compares it in constant time, against the stored hash or, for a malformed, unknown,
 * revoked or expired key, against a dummy: answers and timing do not tell which. No caching of
 * authentication or authorization: a revoked key fails on its next request.
 */
final class KeyRealm extends AuthorizingRealm {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRealm.class);
    private static final String NOBODY = "(no such key)";

    private final KeyLookup lookup;
    private final AdminKey admin;
    private final Clock clock;

    KeyRealm(KeyLookup lookup, AdminKey admin, Clock clock) {
        super(null, KeyRealm::matches);
        this.lookup = lookup;
        this.admin = admin;
        this.clock = clock;
        setName("portcullis-api-keys");
        setAuthenticationTokenClass(BearerToken.class);
        setCachingEnabled(false);
        setAuthenticationCachingEnabled(false);
        setAuthorizationCachingEnabled(false);
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
        Optional<ApiKeyToken> key = ((BearerToken) token).key();
        if (key.isEmpty()) {
            return unmatchable();
        }
        String id = key.get().id();
        if (id.equals(admin.id())) {
            return new SimpleAuthenticationInfo(KeyPrincipal.platform(id), admin.secretHash(), getName());
        }
        Optional<KeyLookup.Candidate> candidate;
        try {
            candidate = lookup.find(id, Jdbc.now(clock));
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "API key '{}' could not be looked up ({}); not authenticated",
                    id,
                    e.getClass().getSimpleName());
            throw new AuthenticationException("API key lookup failed");
        }
        if (candidate.isEmpty() || !candidate.get().usable()) {
            return unmatchable();
        }
        return new SimpleAuthenticationInfo(
                candidate.get().principal(), candidate.get().secretHash(), getName());
    }

    @Override
    protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
        KeyPrincipal principal = principals.oneByType(KeyPrincipal.class);
        SimpleAuthorizationInfo info = new SimpleAuthorizationInfo();
        if (principal != null) {
            info.setStringPermissions(Permissions.of(principal));
        }
        return info;
    }

    private AuthenticationInfo unmatchable() {
        return new SimpleAuthenticationInfo(NOBODY, SecretHash.DUMMY, getName());
    }

    /** The credentials matcher: one SHA-256 and a constant-time comparison, whatever the token. */
    private static boolean matches(AuthenticationToken token, AuthenticationInfo info) {
        String secret = ((BearerToken) token).key().map(ApiKeyToken::secret).orElse("");
        return info.getCredentials() instanceof byte[] expected && SecretHash.matches(secret, expected);
    }
}
