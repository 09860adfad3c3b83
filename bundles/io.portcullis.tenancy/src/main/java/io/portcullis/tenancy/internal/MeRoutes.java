package io.portcullis.tenancy.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.store.Database;
import io.portcullis.tenancy.KeyPrincipal;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/me}: who the caller is, for any authenticated caller. A workspace key answers its
 * member, its own role, its member's role and the effective role it acts with (the lower of the two); the
 * platform administrator's key says that it is one, with no workspace and no role; a member signed in by
 * a JWT has no key. Read from the store at each request, so a demotion shows at once.
 */
@Component(service = RouteProvider.class)
public final class MeRoutes implements RouteProvider {

    static final String PATH = "/api/v1/me";
    static final String PLATFORM = "platform";

    /** The answer; absent parts are null (a JWT has no key; the platform key has no workspace or member). */
    record Me(
            String kind,
            @JsonProperty("platform_admin") boolean platformAdmin,
            @JsonProperty("key_id") @Nullable String keyId,
            @JsonProperty("workspace_id") @Nullable String workspaceId,
            Views.@Nullable Member member,
            @JsonProperty("key_role") @Nullable String keyRole,
            @JsonProperty("member_role") @Nullable String memberRole,
            @JsonProperty("effective_role") String effectiveRole) {}

    private final ApiKeyStore keys;
    private final MemberStore members;

    @Activate
    public MeRoutes(@Reference(target = "(portcullis.schema=tenancy)") Database database) {
        this(new ApiKeyStore(database, Clock.systemUTC()), new MemberStore(database, Clock.systemUTC()));
    }

    MeRoutes(ApiKeyStore keys, MemberStore members) {
        this.keys = keys;
        this.members = members;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(PATH, this::me)
                .summary("Who am I: the calling key, its member and workspace, and the role it acts with")
                .response(Me.class));
    }

    ApiResponse me(ApiRequest request) throws SQLException {
        Caller caller = request.caller();
        if (caller instanceof KeyCaller key) {
            return ApiResponse.ok(ofKey(key));
        }
        if (caller instanceof JwtCaller jwt) {
            String workspaceId = request.callerWorkspace();
            Records.Member member = members.find(workspaceId, jwt.memberId()).orElseThrow(MeRoutes::gone);
            return ApiResponse.ok(new Me(
                    "member",
                    false,
                    null,
                    workspaceId,
                    Views.Member.of(member),
                    null,
                    member.role().id(),
                    jwt.role().id()));
        }
        return ApiResponse.ok(new Me(
                caller.kind(),
                false,
                caller.credentialId().orElse(null),
                caller.workspaceId().orElse(null),
                null,
                null,
                null,
                caller.rateClass()));
    }

    private Me ofKey(KeyCaller caller) throws SQLException {
        KeyPrincipal principal = caller.principal();
        String workspaceId = principal.workspaceId();
        Role effective = principal.role();
        if (workspaceId == null || effective == null || principal.memberId() == null) {
            return new Me(PLATFORM, true, principal.keyId(), null, null, null, null, PLATFORM);
        }
        Records.ListedKey key = keys.find(workspaceId, principal.keyId()).orElseThrow(MeRoutes::gone);
        Records.Member member = members.find(workspaceId, principal.memberId()).orElseThrow(MeRoutes::gone);
        return new Me(
                "member",
                false,
                principal.keyId(),
                workspaceId,
                Views.Member.of(member),
                key.key().role().id(),
                member.role().id(),
                effective.id());
    }

    /** The key or member went between authentication and this read: the credential no longer stands. */
    private static ProblemException gone() {
        return new ProblemException(401, "Unauthorized", "The credential is no longer valid.");
    }
}
