package io.portcullis.tenancy.internal;

import io.portcullis.tenancy.Role;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Rows of the tenancy tables as the stores read them. */
final class Records {

    private Records() {}

    record Workspace(String id, String name, Instant createdAt) {}

    record Member(String id, String workspaceId, String name, Role role, Instant createdAt) {}

    /** An API key row; {@code secretHash} never leaves the bundle. */
    record Key(
            String id,
            String workspaceId,
            String memberId,
            String name,
            Role role,
            byte[] secretHash,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable Instant graceUntil) {

        /** Not revoked, not expired, and if rotated still within its grace period. */
        boolean usableAt(Instant now) {
            return revokedAt == null
                    && (expiresAt == null || now.isBefore(expiresAt))
                    && (graceUntil == null || now.isBefore(graceUntil));
        }

        @Override
        public String toString() {
            return "Key[id=" + id + ", workspaceId=" + workspaceId + ", role=" + role.id() + "]";
        }
    }

    /** A key as listed: the row and the role it acts with now, {@code min(key role, member's role)}. */
    record ListedKey(Key key, Role effectiveRole) {}

    /** A key just made: the row and, once, the full key. */
    record NewKey(Key key, ApiKeyToken token) {}
}
