package io.portcullis.tenancy.internal;

import io.portcullis.tenancy.KeyPrincipal;
import io.portcullis.web.Caller;
import java.util.Optional;
import org.apache.shiro.subject.Subject;

/** The web layer's caller for an authenticated key: permission checks go to its Shiro subject. */
final class KeyCaller implements Caller {

    static final String PLATFORM = "platform";

    private final KeyPrincipal principal;
    private final Subject subject;

    KeyCaller(KeyPrincipal principal, Subject subject) {
        this.principal = principal;
        this.subject = subject;
    }

    KeyPrincipal principal() {
        return principal;
    }

    @Override
    public String id() {
        return principal.keyId();
    }

    /** {@code platform} for the platform admin's key, {@code api_key} for a workspace's. */
    @Override
    public String kind() {
        return principal.isPlatformAdmin() ? "platform" : "api_key";
    }

    @Override
    public Optional<String> workspaceId() {
        return Optional.ofNullable(principal.workspaceId());
    }

    @Override
    public String rateClass() {
        return principal.role() == null ? PLATFORM : principal.role().id();
    }

    @Override
    public boolean isPermitted(String permission) {
        return subject.isPermitted(permission);
    }

    @Override
    public String toString() {
        return "KeyCaller[" + principal.keyId() + ", " + rateClass() + "]";
    }
}
