package io.portcullis.tools.testing;

import io.portcullis.tenancy.Membership;
import io.portcullis.tenancy.Role;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Members' roles as tenancy would report them: operator unless set; a removed member has none. */
public final class FakeMembership implements Membership {

    private final Map<String, Optional<Role>> roles = new ConcurrentHashMap<>();

    public void set(String memberId, @Nullable Role role) {
        roles.put(memberId, Optional.ofNullable(role));
    }

    @Override
    public Optional<Role> lockedRole(Connection connection, String workspaceId, String memberId,
            @Nullable String keyId) {
        return roles.getOrDefault(memberId, Optional.of(Role.OPERATOR));
    }
}
