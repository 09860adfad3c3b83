package io.portcullis.tenancy.internal;

import io.portcullis.tenancy.Role;
import io.portcullis.web.Caller;
import java.util.List;
import java.util.Optional;
import org.apache.shiro.authz.Permission;
import org.apache.shiro.authz.permission.WildcardPermission;

/**
 * The web layer's caller for a member authenticated by a JWT: the member's workspace and role, and the
 * same permissions as an API key of that role, as Shiro wildcard permissions (the key realm's rules).
 */
final class JwtCaller implements Caller {

    static final String ID_PREFIX = "jwt:";

    private final String memberId;
    private final String workspaceId;
    private final Role role;
    private final List<Permission> permissions;

    JwtCaller(Records.Member member) {
        this.memberId = member.id();
        this.workspaceId = member.workspaceId();
        this.role = member.role();
        this.permissions = Permissions.of(role, workspaceId).stream()
                .<Permission>map(WildcardPermission::new)
                .toList();
    }

    String memberId() {
        return memberId;
    }

    Role role() {
        return role;
    }

    @Override
    public String id() {
        return ID_PREFIX + memberId;
    }

    @Override
    public String kind() {
        return "member";
    }

    @Override
    public String principalId() {
        return memberId;
    }

    /** The token is not stored, so it has no id to name. */
    @Override
    public Optional<String> credentialId() {
        return Optional.empty();
    }

    @Override
    public Optional<String> workspaceId() {
        return Optional.of(workspaceId);
    }

    @Override
    public String rateClass() {
        return role.id();
    }

    @Override
    public Optional<String> roleFor(String permission) {
        return Permissions.leastRoleFor(permission, workspaceId).map(Role::id);
    }

    @Override
    public boolean isPermitted(String permission) {
        WildcardPermission asked;
        try {
            asked = new WildcardPermission(permission);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return permissions.stream().anyMatch(held -> held.implies(asked));
    }

    @Override
    public String toString() {
        return "JwtCaller[" + memberId + ", " + role.id() + "]";
    }
}
