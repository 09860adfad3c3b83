package io.portcullis.tenancy.internal;

import io.portcullis.tenancy.KeyPrincipal;
import io.portcullis.tenancy.Role;
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

    /**
     * {@code platform} for the platform admin's key; {@code member} for a workspace's: a key acts as its
     * member, who is the actor, and the key is the credential.
     */
    @Override
    public String kind() {
        return principal.isPlatformAdmin() ? "platform" : "member";
    }

    /** The member the key acts as; the key's id for the platform administrator's key. */
    @Override
    public String principalId() {
        return principal.memberId() == null ? principal.keyId() : principal.memberId();
    }

    @Override
    public Optional<String> credentialId() {
        return Optional.of(principal.keyId());
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
    public Optional<String> roleFor(String permission) {
        return principal.workspaceId() == null
                ? Optional.empty()
                : Permissions.leastRoleFor(permission, principal.workspaceId()).map(Role::id);
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
