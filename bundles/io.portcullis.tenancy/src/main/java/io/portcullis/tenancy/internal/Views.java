package io.portcullis.tenancy.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Response bodies, in the API's snake_case. No view has a field for a secret hash. */
final class Views {

    private Views() {}

    record Workspace(
            String id,
            String name,
            @JsonProperty("created_at") Instant createdAt) {

        static Workspace of(Records.Workspace workspace) {
            return new Workspace(workspace.id(), workspace.name(), workspace.createdAt());
        }
    }

    /** A member's view of their own workspace: its name, when it was made, and the member's role. */
    record OwnWorkspace(
            String id,
            String name,
            @JsonProperty("created_at") Instant createdAt,
            String role) {

        static OwnWorkspace of(Records.Workspace workspace, io.portcullis.tenancy.Role role) {
            return new OwnWorkspace(workspace.id(), workspace.name(), workspace.createdAt(), role.id());
        }
    }

    record Member(
            String id,
            String name,
            String role,
            @JsonProperty("created_at") Instant createdAt) {

        static Member of(Records.Member member) {
            return new Member(member.id(), member.name(), member.role().id(), member.createdAt());
        }
    }

    /**
     * A key's metadata; {@code key}, the full key, only in the answer that created it. {@code role} is the
     * key's own, {@code effective_role} the one it acts with now: the lower of it and its member's.
     */
    record ApiKey(
            String id,
            String name,
            String role,
            @JsonProperty("effective_role") String effectiveRole,
            String prefix,
            @JsonProperty("member_id") String memberId,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("last_used_at") @Nullable Instant lastUsedAt,
            @JsonProperty("expires_at") @Nullable Instant expiresAt,
            @JsonProperty("revoked_at") @Nullable Instant revokedAt,
            @JsonProperty("grace_until") @Nullable Instant graceUntil,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String key) {

        static ApiKey listed(Records.ListedKey listed) {
            Records.Key key = listed.key();
            return new ApiKey(
                    key.id(),
                    key.name(),
                    key.role().id(),
                    listed.effectiveRole().id(),
                    ApiKeyToken.prefix(key.id()),
                    key.memberId(),
                    key.createdAt(),
                    key.lastUsedAt(),
                    key.expiresAt(),
                    key.revokedAt(),
                    key.graceUntil(),
                    null);
        }

        static ApiKey created(Records.NewKey created) {
            Records.Key key = created.key();
            return new ApiKey(
                    key.id(),
                    key.name(),
                    key.role().id(),
                    key.role().id(),
                    created.token().prefix(),
                    key.memberId(),
                    key.createdAt(),
                    null,
                    key.expiresAt(),
                    null,
                    null,
                    created.token().value());
        }

        @Override
        public String toString() {
            return "ApiKey[" + prefix + "]";
        }
    }

    /** A pending invite; {@code token}, the full invite token, only in the answer that created it. */
    record Invite(
            String id,
            String name,
            String role,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("expires_at") Instant expiresAt,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String token) {

        static Invite of(StoredInvite invite) {
            return new Invite(
                    invite.id(), invite.name(), invite.role().id(), invite.createdAt(), invite.expiresAt(), null);
        }

        static Invite created(StoredInvite.Created created) {
            StoredInvite invite = created.invite();
            return new Invite(
                    invite.id(),
                    invite.name(),
                    invite.role().id(),
                    invite.createdAt(),
                    invite.expiresAt(),
                    created.token().value());
        }

        @Override
        public String toString() {
            return "Invite[" + id + "]";
        }
    }

    /** An accepted invite: the new member, their API key (shown once) and the workspace they joined. */
    record AcceptedInvite(
            @JsonProperty("workspace_id") String workspaceId,
            Member member,
            @JsonProperty("api_key") ApiKey apiKey) {

        static AcceptedInvite of(InviteAcceptance.Accepted accepted) {
            return new AcceptedInvite(
                    accepted.workspaceId(), Member.of(accepted.member()), ApiKey.created(accepted.key()));
        }
    }

    record NewWorkspace(
            Workspace workspace,
            Member owner,
            @JsonProperty("api_key") ApiKey apiKey) {

        static NewWorkspace of(WorkspaceStore.Created created) {
            return new NewWorkspace(
                    Workspace.of(created.workspace()), Member.of(created.owner()), ApiKey.created(created.key()));
        }
    }
}
