package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.LastUsed;
import io.portcullis.tenancy.KeyPrincipal;
import io.portcullis.web.Authenticator;
import io.portcullis.web.Caller;
import java.time.Clock;
import java.util.Optional;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.DefaultSessionStorageEvaluator;
import org.apache.shiro.mgt.DefaultSubjectDAO;
import org.apache.shiro.subject.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer API keys through Shiro: a {@link DefaultSecurityManager} built here, with no static
 * {@code SecurityUtils}, no sessions (neither stored nor created) and no caches. Never throws for a
 * bad credential, and never logs or reports one.
 */
final class KeyAuthenticator implements Authenticator, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyAuthenticator.class);

    private final DefaultSecurityManager securityManager;
    private final LastUsed lastUsed;

    /** When each workspace API key was last used, written at most once a minute per key. */
    static LastUsed lastUsed(Database database, Clock clock) {
        return new LastUsed(database, clock, "tenancy.api_keys", "API key");
    }

    KeyAuthenticator(KeyLookup lookup, AdminKey admin, LastUsed lastUsed, Clock clock) {
        this.lastUsed = lastUsed;
        this.securityManager = new DefaultSecurityManager(new KeyRealm(lookup, admin, clock));
        DefaultSessionStorageEvaluator noSessions = new DefaultSessionStorageEvaluator();
        noSessions.setSessionStorageEnabled(false);
        DefaultSubjectDAO subjects = new DefaultSubjectDAO();
        subjects.setSessionStorageEvaluator(noSessions);
        securityManager.setSubjectDAO(subjects);
    }

    @Override
    public Optional<Caller> authenticate(String bearer) {
        try {
            Subject subject = new Subject.Builder(securityManager)
                    .sessionCreationEnabled(false)
                    .buildSubject();
            subject.login(new BearerToken(bearer));
            KeyPrincipal principal = subject.getPrincipals().oneByType(KeyPrincipal.class);
            if (principal == null) {
                return Optional.empty();
            }
            if (principal.workspaceId() != null) { // the platform admin key has no row
                lastUsed.touch(principal.workspaceId(), principal.keyId());
            }
            return Optional.of(new KeyCaller(principal, subject));
        } catch (AuthenticationException e) {
            return Optional.empty();
        } catch (RuntimeException e) { // a bug: fail closed, without the credential or the message
            LOG.warn("Authentication failed unexpectedly ({})", e.getClass().getName());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        securityManager.destroy();
    }
}
