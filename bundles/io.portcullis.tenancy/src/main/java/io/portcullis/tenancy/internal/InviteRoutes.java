package io.portcullis.tenancy.internal;

import io.portcullis.audit.Actor;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A workspace's invites: create (the token shown once), list the pending ones, withdraw one;
 * and the public acceptance, where the token alone names the workspace and the role. Every change is
 * put on the record with its outcome (see {@link AuditTrail}), by invite id, never with the token.
 */
@Component(service = RouteProvider.class)
public final class InviteRoutes implements RouteProvider {

    static final String BASE = "/api/v1/workspaces/{ws}/invites";
    static final String ACCEPT = "/api/v1/invites/accept";
    static final String READ = "workspace:{ws}:invites:read";
    static final String WRITE = "workspace:{ws}:invites:write";

    private final InviteStore invites;
    private final InviteAcceptance acceptance;
    private final AuditTrail trail;

    @Activate
    public InviteRoutes(
            @Reference(target = "(portcullis.schema=tenancy)") Database database, @Reference AuditLog audit) {
        this(new InviteStore(database, Clock.systemUTC()), new InviteAcceptance(database, Clock.systemUTC()), audit);
    }

    InviteRoutes(InviteStore invites, InviteAcceptance acceptance, AuditLog audit) {
        this.invites = invites;
        this.acceptance = acceptance;
        this.trail = new AuditTrail(audit);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post(BASE, this::create)
                        .requires(WRITE)
                        .summary("Invite a member (the token is shown once)")
                        .request(Bodies.NewInvite.class)
                        .response(Views.Invite.class)
                        .status(201),
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List pending invites")
                        .pageOf(Views.Invite.class),
                Route.delete(BASE + "/{id}", this::withdraw).requires(WRITE).summary("Withdraw a pending invite"),
                // Public: the invitee has no credential yet; the token is the credential.
                Route.post(ACCEPT, this::accept)
                        .publicAccess()
                        .summary("Accept an invite: join and get an API key")
                        .request(Bodies.AcceptInvite.class)
                        .response(Views.AcceptedInvite.class)
                        .status(201)
                        .problems(404));
    }

    /** The invite's id is drawn first, so that the record names the invite it creates (never its token). */
    ApiResponse create(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Bodies.NewInvite body = request.body(Bodies.NewInvite.class);
        request.requireNotSecret("name", body.name()); // shown in every invite list and audit record
        String inviteId = Ids.next();
        AuditTrail.Attempt attempt = AuditTrail.attempt(
                request,
                workspaceId,
                "invite.create",
                target(inviteId),
                AuditArguments.of(
                        "name",
                        body.name(),
                        "role",
                        body.role().id(),
                        "expires_in_hours",
                        body.lifetime().toHours()));
        Role role = trail.checked(attempt, () -> Callers.roleOf(request, body.role()));
        StoredInvite.Created created = trail.run(
                attempt,
                record -> invites.create(
                        workspaceId,
                        inviteId,
                        role,
                        request.caller().id(),
                        new InviteStore.Spec(body.name(), body.role(), body.lifetime()),
                        record));
        return ApiResponse.created(
                Views.Invite.created(created),
                "/api/v1/workspaces/" + workspaceId + "/invites/"
                        + created.invite().id());
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(invites.pending(request.callerWorkspace(), PageRequest.of(request, Ids::valid))
                .map(Views.Invite::of));
    }

    ApiResponse withdraw(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String inviteId = Callers.id(request, "id");
        AuditTrail.Attempt attempt = AuditTrail.attempt(request, workspaceId, "invite.revoke", target(inviteId), null);
        Role role = trail.checked(attempt, () -> Callers.role(request));
        trail.run(attempt, record -> {
            invites.withdraw(workspaceId, inviteId, role, record);
            return null;
        });
        return ApiResponse.noContent();
    }

    /**
     * Never reads a caller: the route is public, and the workspace and role are the invite's. A token
     * that opens a pending invite is put on the record of the invite's workspace as it is accepted (or refused),
     * by an anonymous actor named by the invite's id (the token's public half); a bad token changes
     * nothing and is answered as before, recorded by the web layer's request record only.
     */
    ApiResponse accept(ApiRequest request) throws SQLException {
        Bodies.AcceptInvite body = request.body(Bodies.AcceptInvite.class);
        StoredInvite invite = acceptance.check(body.token());
        AuditTrail.Attempt attempt = new AuditTrail.Attempt(
                invite.workspaceId(),
                new Actor(Actor.ANONYMOUS, invite.id(), invite.id()),
                "invite.accept",
                target(invite.id()),
                AuditArguments.of("role", invite.role().id()),
                request.requestId());
        InviteAcceptance.Accepted accepted = trail.run(attempt, record -> acceptance.accept(body.token(), record));
        return ApiResponse.created(
                Views.AcceptedInvite.of(accepted),
                "/api/v1/workspaces/" + accepted.workspaceId() + "/members/"
                        + accepted.member().id());
    }

    private static String target(String inviteId) {
        return "invite:" + inviteId;
    }
}
