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

/**
 * A workspace's invites: create (the token shown once), list the pending ones, withdraw one;
 * and the public acceptance, where the token alone names the workspace and the role.
 */
@Component(service = RouteProvider.class)
public final class InviteRoutes implements RouteProvider {

    static final String BASE = "/api/v1/workspaces/{ws}/invites";
    static final String ACCEPT = "/api/v1/invites/accept";
    static final String READ = "workspace:{ws}:invites:read";
    static final String WRITE = "workspace:{ws}:invites:write";

    private final InviteStore invites;
    private final InviteAcceptance acceptance;

    @Activate
    public InviteRoutes(@Reference(target = "(portcullis.schema=tenancy)") Database database) {
        this(new InviteStore(database, Clock.systemUTC()), new InviteAcceptance(database, Clock.systemUTC()));
    }

    InviteRoutes(InviteStore invites, InviteAcceptance acceptance) {
        this.invites = invites;
        this.acceptance = acceptance;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post(BASE, this::create).requires(WRITE),
                Route.get(BASE, this::list).requires(READ),
                Route.delete(BASE + "/{id}", this::withdraw).requires(WRITE),
                // Public: the invitee has no credential yet; the token is the credential.
                Route.post(ACCEPT, this::accept).publicAccess());
    }

    ApiResponse create(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Bodies.NewInvite body = request.body(Bodies.NewInvite.class);
        StoredInvite.Created created = invites.create(workspaceId, Callers.role(request), request.caller().id(),
                new InviteStore.Spec(body.name(), body.role(), body.lifetime()));
        return ApiResponse.created(Views.Invite.created(created),
                "/api/v1/workspaces/" + workspaceId + "/invites/" + created.invite().id());
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(
                invites.pending(request.callerWorkspace(), PageRequest.of(request, Ids::valid)).map(Views.Invite::of));
    }

    ApiResponse withdraw(ApiRequest request) throws SQLException {
        invites.withdraw(request.callerWorkspace(), Callers.id(request, "id"), Callers.role(request));
        return ApiResponse.noContent();
    }

    /** Never reads a caller: the route is public, and the workspace and role are the invite's. */
    ApiResponse accept(ApiRequest request) throws SQLException {
        Bodies.AcceptInvite body = request.body(Bodies.AcceptInvite.class);
        InviteAcceptance.Accepted accepted = acceptance.accept(body.token());
        return ApiResponse.created(Views.AcceptedInvite.of(accepted),
                "/api/v1/workspaces/" + accepted.workspaceId() + "/members/" + accepted.member().id());
    }
}
