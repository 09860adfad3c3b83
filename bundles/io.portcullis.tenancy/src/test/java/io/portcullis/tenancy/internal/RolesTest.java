package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.tenancy.KeyPrincipal;
import io.portcullis.tenancy.Role;
import java.util.Set;
import org.apache.shiro.authz.permission.WildcardPermission;
import org.junit.jupiter.api.Test;

class RolesTest {

    private static final String WS = "aaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String OTHER = "bbbbbbbbbbbbbbbbbbbbbbbb";

    @Test
    void rolesAreOrderedOwnerAdminOperatorViewer() {
        assertThat(Role.OWNER.rank()).isGreaterThan(Role.ADMIN.rank());
        assertThat(Role.ADMIN.rank()).isGreaterThan(Role.OPERATOR.rank());
        assertThat(Role.OPERATOR.rank()).isGreaterThan(Role.VIEWER.rank());
        assertThat(Role.ADMIN.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.OWNER)).isFalse();
        assertThat(Role.VIEWER.atLeast(Role.OPERATOR)).isFalse();
        assertThat(Role.min(Role.OWNER, Role.VIEWER)).isEqualTo(Role.VIEWER);
        assertThat(Role.min(Role.ADMIN, Role.OPERATOR)).isEqualTo(Role.OPERATOR);
    }

    @Test
    void parsesExactLowerCaseNamesOnly() {
        assertThat(Role.parse("owner")).contains(Role.OWNER);
        assertThat(Role.parse("viewer")).contains(Role.VIEWER);
        assertThat(Role.parse("OWNER")).isEmpty();
        assertThat(Role.parse(" owner")).isEmpty();
        assertThat(Role.parse("root")).isEmpty();
        assertThat(Role.OPERATOR.id()).isEqualTo("operator");
    }

    @Test
    void viewerAndOperatorOnlyRead() {
        for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
            assertThat(permitted(role, "workspace:" + WS + ":members:read")).isTrue();
            assertThat(permitted(role, "workspace:" + WS + ":api-keys:read")).isTrue();
            assertThat(permitted(role, "workspace:" + WS + ":members:write")).isFalse();
            assertThat(permitted(role, "workspace:" + WS + ":api-keys:write")).isFalse();
        }
    }

    @Test
    void adminAlsoWritesMembersKeysAndCredentials() {
        assertThat(permitted(Role.ADMIN, "workspace:" + WS + ":members:write")).isTrue();
        assertThat(permitted(Role.ADMIN, "workspace:" + WS + ":api-keys:write")).isTrue();
        assertThat(permitted(Role.ADMIN, "workspace:" + WS + ":credentials:read"))
                .isTrue();
        assertThat(permitted(Role.ADMIN, "workspace:" + WS + ":credentials:write"))
                .isTrue();
        assertThat(permitted(Role.OPERATOR, "workspace:" + WS + ":credentials:write"))
                .isFalse();
        assertThat(permitted(Role.ADMIN, "workspace:" + OTHER + ":credentials:write"))
                .isFalse();
    }

    @Test
    void onlyAdminAndOwnerEnablePluginsAndSetThePolicy() {
        for (String resource : new String[] {"plugins", "policy"}) {
            for (Role role : new Role[] {Role.ADMIN, Role.OWNER}) {
                assertThat(permitted(role, "workspace:" + WS + ":" + resource + ":write"))
                        .as(role.id())
                        .isTrue();
                assertThat(permitted(role, "workspace:" + OTHER + ":" + resource + ":write"))
                        .as(role.id())
                        .isFalse();
            }
            for (Role role : Role.values()) {
                assertThat(permitted(role, "workspace:" + WS + ":" + resource + ":read"))
                        .as(role.id())
                        .isTrue();
            }
            for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
                assertThat(permitted(role, "workspace:" + WS + ":" + resource + ":write"))
                        .as(role.id())
                        .isFalse();
            }
        }
        Set<String> platform = Permissions.of(KeyPrincipal.platform(WS));
        assertThat(implies(platform, "platform:plugins:write")).isTrue();
        assertThat(implies(platform, "workspace:" + WS + ":plugins:write")).isFalse();
        assertThat(implies(Permissions.of(new KeyPrincipal("k", WS, null, Role.ADMIN)), "platform:plugins:write"))
                .isFalse();
    }

    @Test
    void onlyAdminAndOwnerInspectAndManageTheAuditRecord() {
        for (Role role : new Role[] {Role.ADMIN, Role.OWNER}) {
            assertThat(permitted(role, "workspace:" + WS + ":audit:inspect"))
                    .as(role.id())
                    .isTrue();
            assertThat(permitted(role, "workspace:" + WS + ":audit:write"))
                    .as(role.id())
                    .isTrue();
            assertThat(permitted(role, "workspace:" + OTHER + ":audit:inspect"))
                    .as(role.id())
                    .isFalse();
        }
        for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
            assertThat(permitted(role, "workspace:" + WS + ":members:read"))
                    .as(role.id())
                    .isTrue(); // holds *:read
            assertThat(permitted(role, "workspace:" + WS + ":audit:inspect"))
                    .as(role.id())
                    .isFalse();
            assertThat(permitted(role, "workspace:" + WS + ":audit:write"))
                    .as(role.id())
                    .isFalse();
        }
        assertThat(implies(Permissions.of(KeyPrincipal.platform(WS)), "workspace:" + WS + ":audit:inspect"))
                .isFalse();
    }

    @Test
    void operatorsAndAboveInvokeToolsAndDecideApprovalsViewersOnlyRead() {
        for (String permission : new String[] {"tools:invoke", "approvals:write", "completions:invoke"}) {
            for (Role role : new Role[] {Role.OPERATOR, Role.ADMIN, Role.OWNER}) {
                assertThat(permitted(role, "workspace:" + WS + ":" + permission))
                        .as(role.id())
                        .isTrue();
                assertThat(permitted(role, "workspace:" + OTHER + ":" + permission))
                        .as(role.id())
                        .isFalse();
            }
            assertThat(permitted(Role.VIEWER, "workspace:" + WS + ":" + permission))
                    .isFalse();
            assertThat(implies(Permissions.of(KeyPrincipal.platform(WS)), "workspace:" + WS + ":" + permission))
                    .isFalse();
        }
        for (Role role : Role.values()) {
            assertThat(permitted(role, "workspace:" + WS + ":tools:read"))
                    .as(role.id())
                    .isTrue();
            assertThat(permitted(role, "workspace:" + WS + ":approvals:read"))
                    .as(role.id())
                    .isTrue();
        }
        // operators gain nothing else that writes
        assertThat(permitted(Role.OPERATOR, "workspace:" + WS + ":credentials:write"))
                .isFalse();
        assertThat(permitted(Role.OPERATOR, "workspace:" + WS + ":policy:write"))
                .isFalse();
    }

    @Test
    void operatorsTalkWithAgentsAndWorkTheReviewQueueOnlyAdminsDefineAgents() {
        for (String permission : new String[] {"conversations:write", "runs:write", "review:write"}) {
            for (Role role : new Role[] {Role.OPERATOR, Role.ADMIN, Role.OWNER}) {
                assertThat(permitted(role, "workspace:" + WS + ":" + permission))
                        .as(role.id() + " " + permission)
                        .isTrue();
                assertThat(permitted(role, "workspace:" + OTHER + ":" + permission))
                        .as(role.id() + " " + permission)
                        .isFalse();
            }
            assertThat(permitted(Role.VIEWER, "workspace:" + WS + ":" + permission))
                    .as(permission)
                    .isFalse();
        }
        for (Role role : new Role[] {Role.ADMIN, Role.OWNER}) {
            assertThat(permitted(role, "workspace:" + WS + ":agents:write"))
                    .as(role.id())
                    .isTrue();
        }
        for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
            assertThat(permitted(role, "workspace:" + WS + ":agents:write"))
                    .as(role.id())
                    .isFalse();
        }
        for (Role role : Role.values()) {
            for (String read : new String[] {"agents:read", "conversations:read", "runs:read", "review:read"}) {
                assertThat(permitted(role, "workspace:" + WS + ":" + read))
                        .as(role.id() + " " + read)
                        .isTrue();
            }
        }
        assertThat(implies(Permissions.of(KeyPrincipal.platform(WS)), "workspace:" + WS + ":conversations:write"))
                .isFalse();
    }

    @Test
    void onlyAdminsAndOwnersConfigureModelProfilesAndTheBudget() {
        for (String permission : new String[] {"models:write", "budget:write"}) {
            for (Role role : new Role[] {Role.ADMIN, Role.OWNER}) {
                assertThat(permitted(role, "workspace:" + WS + ":" + permission))
                        .as(role.id())
                        .isTrue();
                assertThat(permitted(role, "workspace:" + OTHER + ":" + permission))
                        .as(role.id())
                        .isFalse();
            }
            for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
                assertThat(permitted(role, "workspace:" + WS + ":" + permission))
                        .as(role.id())
                        .isFalse();
            }
        }
        for (Role role : Role.values()) {
            for (String read : new String[] {"models:read", "budget:read", "usage:read"}) {
                assertThat(permitted(role, "workspace:" + WS + ":" + read))
                        .as(role.id())
                        .isTrue();
            }
        }
    }

    @Test
    void ownerMayDoAnythingInItsWorkspaceOnly() {
        assertThat(permitted(Role.OWNER, "workspace:" + WS + ":credentials:write"))
                .isTrue();
        assertThat(permitted(Role.OWNER, "workspace:" + WS + ":members:write")).isTrue();
        assertThat(permitted(Role.OWNER, "workspace:" + OTHER + ":members:read"))
                .isFalse();
        assertThat(permitted(Role.OWNER, "platform:workspaces:read")).isFalse();
    }

    @Test
    void noRoleReachesAnotherWorkspace() {
        for (Role role : Role.values()) {
            assertThat(permitted(role, "workspace:" + OTHER + ":members:read"))
                    .as(role.id())
                    .isFalse();
        }
    }

    @Test
    void platformAdminHoldsPlatformOnly() {
        Set<String> permissions = Permissions.of(KeyPrincipal.platform(WS));

        assertThat(implies(permissions, "platform:workspaces:write")).isTrue();
        assertThat(implies(permissions, "platform:workspaces:read")).isTrue();
        assertThat(implies(permissions, "workspace:" + WS + ":members:read")).isFalse();
    }

    private static boolean permitted(Role role, String permission) {
        return implies(Permissions.of(new KeyPrincipal("k", WS, null, role)), permission);
    }

    private static boolean implies(Set<String> held, String permission) {
        return held.stream().anyMatch(p -> new WildcardPermission(p).implies(new WildcardPermission(permission)));
    }
}
