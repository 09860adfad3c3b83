package io.portcullis.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A member's role as it stands now, read inside another bundle's transaction, so that a decision taken
 * on the strength of that role (approving a call, say) commits only while the role holds: the member's
 * row stays locked until the transaction ends, and a concurrent demotion or removal waits for it, or
 * has already been seen.
 */
@ProviderType
public interface Membership {

    /**
     * The role {@code memberId} acts with in {@code workspaceId}: the member's current role, capped by the
     * key's when they act with the API key {@code keyId} (which must be theirs and usable); empty when the
     * member or the key is gone, revoked or expired.
     *
     * @param connection an open transaction bound to {@code workspaceId}
     */
    Optional<Role> lockedRole(Connection connection, String workspaceId, String memberId, @Nullable String keyId)
            throws SQLException;
}
