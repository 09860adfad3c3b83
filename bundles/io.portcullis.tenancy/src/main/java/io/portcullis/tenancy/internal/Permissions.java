package io.portcullis.tenancy.internal;

import io.portcullis.tenancy.KeyPrincipal;
import io.portcullis.tenancy.Role;
import java.util.Optional;
import java.util.Set;
import org.apache.shiro.authz.permission.WildcardPermission;

/**
 * Shiro wildcard permissions ({@code domain:instance:resource:action}) derived from a role:
 * viewer and operator read everything of their workspace (tools and approvals included), operator also
 * calls tools and models and approves or denies tool calls ({@code tools:invoke}, {@code approvals:write},
 * {@code completions:invoke}: running the workspace's agents day to day) and talks with its agents, cancels
 * their runs and works the review queue ({@code conversations:write}, {@code runs:write},
 * {@code review:write}), admin also does all that and writes members, invites, API keys
 * and credentials, enables plugins and sets the workspace policy ({@code plugins:write},
 * {@code policy:write}), configures model profiles and the model budget ({@code models:write},
 * {@code budget:write}: a workspace admin decides what runs for the workspace, within what the platform
 * administrator granted) and defines its agents ({@code agents:write}) and inspects and manages the audit record ({@code audit:inspect},
 * {@code audit:write}), owner may do anything in the workspace; the platform administrator holds {@code platform:*} and
 * nothing inside workspaces. The audit record is inspected with {@code audit:inspect}, not
 * {@code audit:read}, so that the {@code *:read} of viewers and operators does not reach it.
 */
final class Permissions {

    static final String PLATFORM = "platform:*";

    private Permissions() {}

    static Set<String> of(KeyPrincipal principal) {
        Role role = principal.role();
        String workspace = principal.workspaceId();
        if (role == null || workspace == null) {
            return Set.of(PLATFORM);
        }
        return of(role, workspace);
    }

    /** The least role whose permissions in {@code workspaceId} imply {@code permission}, or empty. */
    static Optional<Role> leastRoleFor(String permission, String workspaceId) {
        WildcardPermission asked;
        try {
            asked = new WildcardPermission(permission);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        for (Role role : Role.values()) { // viewer first
            if (of(role, workspaceId).stream().map(WildcardPermission::new).anyMatch(held -> held.implies(asked))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static Set<String> of(Role role, String workspaceId) {
        String ws = "workspace:" + workspaceId + ":";
        return switch (role) {
            case VIEWER -> Set.of(ws + "*:read");
            case OPERATOR ->
                Set.of(
                        ws + "*:read",
                        ws + "tools:invoke",
                        ws + "approvals:write",
                        ws + "completions:invoke",
                        ws + "conversations:write",
                        ws + "runs:write",
                        ws + "review:write");
            case ADMIN ->
                Set.of(
                        ws + "*:read",
                        ws + "tools:invoke",
                        ws + "approvals:write",
                        ws + "completions:invoke",
                        ws + "conversations:write",
                        ws + "runs:write",
                        ws + "review:write",
                        ws + "agents:write",
                        ws + "members:write",
                        ws + "api-keys:write",
                        ws + "invites:write",
                        ws + "credentials:write",
                        ws + "plugins:write",
                        ws + "policy:write",
                        ws + "models:write",
                        ws + "budget:write",
                        ws + "audit:inspect",
                        ws + "audit:write");
            case OWNER -> Set.of(ws + "*");
        };
    }
}
