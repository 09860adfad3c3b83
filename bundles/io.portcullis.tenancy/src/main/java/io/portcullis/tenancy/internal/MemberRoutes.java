package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A workspace's members: list, change a role, remove. */
@Component(service = RouteProvider.class)
public final class MemberRoutes implements RouteProvider {

    static final String BASE = "/api/v1/workspaces/{ws}/members";

    private final MemberStore members;

    @Activate
    public MemberRoutes(@Reference(target = "(portcullis.schema=tenancy)") Database database) {
        this(new MemberStore(database, Clock.systemUTC()));
    }

    MemberRoutes(MemberStore members) {
        this.members = members;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list).requires("workspace:{ws}:members:read"),
                Route.patch(BASE + "/{id}", this::changeRole).requires("workspace:{ws}:members:write"),
                Route.delete(BASE + "/{id}", this::remove).requires("workspace:{ws}:members:write"));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(members.list(request.callerWorkspace(), PageRequest.of(request, Ids::valid)).map(Views.Member::of));
    }

    ApiResponse changeRole(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String memberId = Callers.id(request, "id");
        Bodies.RoleChange body = request.body(Bodies.RoleChange.class);
        return ApiResponse.ok(Views.Member.of(
                members.changeRole(workspaceId, memberId, body.role(), Callers.role(request))));
    }

    ApiResponse remove(ApiRequest request) throws SQLException {
        members.remove(request.callerWorkspace(), Callers.id(request, "id"), Callers.role(request));
        return ApiResponse.noContent();
    }
}
