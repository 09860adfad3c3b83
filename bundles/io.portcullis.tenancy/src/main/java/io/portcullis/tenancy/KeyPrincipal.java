package io.portcullis.tenancy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who an authenticated API key speaks for: a workspace key with its effective role (never above its
 * member's), or the platform administrator. Holds no secret.
 *
 * @param keyId the API key's id, the {@code <id>} of {@code pk_<id>_<secret>}
 * @param workspaceId the key's workspace, null for the platform administrator
 * @param memberId the member the key acts as (every workspace key has one), null for the platform administrator
 * @param role the key's effective role, null for the platform administrator
 */
public record KeyPrincipal(
        String keyId,
        @Nullable String workspaceId,
        @Nullable String memberId,
        @Nullable Role role) {

    public KeyPrincipal {
        Objects.requireNonNull(keyId, "keyId");
        if ((workspaceId == null) != (role == null)) {
            throw new IllegalArgumentException("a workspace key has a workspace and a role; the platform key neither");
        }
    }

    public static KeyPrincipal platform(String keyId) {
        return new KeyPrincipal(keyId, null, null, null);
    }

    public boolean isPlatformAdmin() {
        return workspaceId == null;
    }
}
