package io.portcullis.tenancy.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.store.Ids;
import io.portcullis.tenancy.Role;
import io.portcullis.web.Names;
import io.portcullis.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies. The web layer rejects unknown fields, so a {@code workspace_id} or {@code role}
 * where none is accepted answers 400 and changes nothing. The constructors validate and normalise;
 * their problems name the field, never the value.
 */
final class Bodies {

    private Bodies() {}

    record NewWorkspace(String name, Owner owner) {

        NewWorkspace(@Nullable String name, @Nullable Owner owner) {
            this.name = Names.require("name", name);
            if (owner == null) {
                throw ProblemException.badRequest("Field 'owner' is required.");
            }
            this.owner = owner;
        }
    }

    record Owner(String name) {

        Owner(@Nullable String name) {
            this.name = Names.require("owner.name", name);
        }
    }

    record Rename(String name) {

        Rename(@Nullable String name) {
            this.name = Names.require("name", name);
        }
    }

    record RoleChange(Role role) {

        @JsonCreator
        RoleChange(@JsonProperty("role") @Nullable String role) {
            this(parseRole(role, null));
        }
    }

    /** A new API key; without a role, a viewer key (the least privilege). */
    record NewApiKey(
            String name,
            Role role,
            @JsonProperty("expires_at") @Nullable Instant expiresAt,
            @JsonProperty("member_id") @Nullable String memberId) {

        @JsonCreator
        NewApiKey(
                @JsonProperty("name") @Nullable String name,
                @JsonProperty("role") @Nullable String role,
                @JsonProperty("expires_at") @Nullable Instant expiresAt,
                @JsonProperty("member_id") @Nullable String memberId) {
            this(Names.require("name", name), parseRole(role, Role.VIEWER), expiresAt, checkMemberId(memberId));
        }
    }

    /** A new invite: the invitee's display name, their role, and hours until it expires (default 72, at most 720). */
    record NewInvite(String name, Role role, Duration lifetime) {

        static final int DEFAULT_HOURS = 72;
        static final int MAX_HOURS = 720;

        @JsonCreator
        NewInvite(
                @JsonProperty("name") @Nullable String name,
                @JsonProperty("role") @Nullable String role,
                @JsonProperty("expires_in_hours") @Nullable Integer expiresInHours) {
            this(Names.require("name", name), parseRole(role, null), lifetime(expiresInHours));
        }

        private static Duration lifetime(@Nullable Integer hours) {
            if (hours == null) {
                return Duration.ofHours(DEFAULT_HOURS);
            }
            if (hours < 1 || hours > MAX_HOURS) {
                throw ProblemException.badRequest("Field 'expires_in_hours' must be 1.." + MAX_HOURS + ".");
            }
            return Duration.ofHours(hours);
        }
    }

    /** Accepting an invite: the token only; the workspace and role come from the invite. */
    record AcceptInvite(@Nullable String token) {

        @JsonCreator
        AcceptInvite(@JsonProperty("token") @Nullable String token) {
            this.token = token;
        }

        @Override
        public String toString() {
            return "AcceptInvite[redacted]";
        }
    }

    private static Role parseRole(@Nullable String value, @Nullable Role fallback) {
        if (value == null && fallback != null) {
            return fallback;
        }
        return Role.parse(value == null ? "" : value)
                .orElseThrow(() ->
                        ProblemException.badRequest("Field 'role' must be one of owner, admin, operator, viewer."));
    }

    /** A member id of the wrong shape cannot name a member of this workspace: 404, like a foreign one. */
    private static @Nullable String checkMemberId(@Nullable String value) {
        if (value != null && !Ids.valid(value)) {
            throw ProblemException.notFound();
        }
        return value;
    }
}
