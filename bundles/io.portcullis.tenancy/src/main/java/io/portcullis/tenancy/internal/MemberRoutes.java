package io.portcullis.tenancy.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
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
 * A workspace's members: list, change a role, remove. Every change is put on the record with its outcome (see
 * {@link AuditTrail}); a role above the caller's own and the last owner are recorded as refusals.
 */
@Component(service = RouteProvider.class)
public final class MemberRoutes implements RouteProvider {

    static final String BASE = "/api/v1/workspaces/{ws}/members";

    private final MemberStore members;
    private final AuditTrail trail;

    @Activate
    public MemberRoutes(
            @Reference(target = "(portcullis.schema=tenancy)") Database database, @Reference AuditLog audit) {
        this(new MemberStore(database, Clock.systemUTC()), audit);
    }

    MemberRoutes(MemberStore members, AuditLog audit) {
        this.members = members;
        this.trail = new AuditTrail(audit);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires("workspace:{ws}:members:read")
                        .summary("List members")
                        .pageOf(Views.Member.class),
                Route.patch(BASE + "/{id}", this::changeRole)
                        .requires("workspace:{ws}:members:write")
                        .summary("Change a member's role")
                        .request(Bodies.RoleChange.class)
                        .response(Views.Member.class)
                        .problems(409),
                Route.delete(BASE + "/{id}", this::remove)
                        .requires("workspace:{ws}:members:write")
                        .summary("Remove a member and their keys")
                        .problems(409));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(members.list(request.callerWorkspace(), PageRequest.of(request, Ids::valid))
                .map(Views.Member::of));
    }

    ApiResponse changeRole(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String memberId = Callers.id(request, "id");
        Bodies.RoleChange body = request.body(Bodies.RoleChange.class);
        AuditTrail.Attempt attempt = attempt(
                request,
                workspaceId,
                "member.role_change",
                memberId,
                AuditArguments.of("role", body.role().id()));
        Role role = trail.checked(attempt, () -> Callers.roleOf(request, body.role()));
        return ApiResponse.ok(Views.Member.of(
                trail.run(attempt, record -> members.changeRole(workspaceId, memberId, body.role(), role, record))));
    }

    ApiResponse remove(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String memberId = Callers.id(request, "id");
        AuditTrail.Attempt attempt = attempt(request, workspaceId, "member.remove", memberId, null);
        Role role = trail.checked(attempt, () -> Callers.role(request));
        trail.run(attempt, record -> {
            members.remove(workspaceId, memberId, role, record);
            return null;
        });
        return ApiResponse.noContent();
    }

    static AuditTrail.Attempt attempt(
            ApiRequest request, String workspaceId, String action, String memberId, @Nullable String arguments) {
        return AuditTrail.attempt(request, workspaceId, action, "member:" + memberId, arguments);
    }
}
