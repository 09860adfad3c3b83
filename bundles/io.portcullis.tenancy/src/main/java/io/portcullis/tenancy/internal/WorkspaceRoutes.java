package io.portcullis.tenancy.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.tenancy.Role;
import io.portcullis.tenancy.WorkspaceCleanup;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The platform administrator's routes: create, list, read, rename and delete workspaces; and a member's
 * view of their own workspace. Every change is put on the platform's chain with its outcome (see
 * {@link AuditTrail}), named {@code workspace.create}, {@code workspace.rename}, {@code workspace.delete},
 * with the workspace as target: the record of a deletion outlives the workspace it names.
 */
@Component(service = RouteProvider.class)
public final class WorkspaceRoutes implements RouteProvider {

    static final String BASE = "/api/v1/workspaces";
    static final String READ = "platform:workspaces:read";
    static final String WRITE = "platform:workspaces:write";

    private final WorkspaceStore workspaces;
    private final AuditTrail trail;

    /** The bundles holding workspace data elsewhere (the vault's keys, ...), replaced as they come and go. */
    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<WorkspaceCleanup> cleanups = List.of();

    @Activate
    public WorkspaceRoutes(
            @Reference(target = "(portcullis.schema=tenancy)") Database database, @Reference AuditLog audit) {
        this.workspaces = new WorkspaceStore(database, Clock.systemUTC(), () -> cleanups);
        this.trail = new AuditTrail(audit);
    }

    WorkspaceRoutes(WorkspaceStore workspaces, AuditLog audit) {
        this.workspaces = workspaces;
        this.trail = new AuditTrail(audit);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post(BASE, this::create)
                        .requires(WRITE)
                        .summary("Create a workspace with its owner and a key")
                        .request(Bodies.NewWorkspace.class)
                        .response(Views.NewWorkspace.class)
                        .status(201),
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List workspaces")
                        .pageOf(Views.Workspace.class),
                // Any authenticated caller: the platform administrator reads any workspace, a member their own.
                Route.get(BASE + "/{ws}", this::get)
                        .summary("Read a workspace (a member: their own, with their role)")
                        .response(Views.OwnWorkspace.class),
                Route.patch(BASE + "/{ws}", this::rename)
                        .requires(WRITE)
                        .summary("Rename a workspace")
                        .request(Bodies.Rename.class)
                        .response(Views.Workspace.class),
                Route.delete(BASE + "/{ws}", this::delete).requires(WRITE).summary("Delete a workspace and its data"));
    }

    /** The id is drawn first, so that the record names the workspace it creates. */
    ApiResponse create(ApiRequest request) throws SQLException {
        Bodies.NewWorkspace body = request.body(Bodies.NewWorkspace.class);
        String id = Ids.next();
        WorkspaceStore.Created created = trail.run(
                attempt(
                        request,
                        id,
                        "workspace.create",
                        AuditArguments.of(
                                "name", body.name(), "owner_name", body.owner().name())),
                record -> workspaces.create(id, body.name(), body.owner().name(), record));
        return ApiResponse.created(
                Views.NewWorkspace.of(created), BASE + "/" + created.workspace().id());
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(
                workspaces.list(PageRequest.of(request, Ids::valid)).map(Views.Workspace::of));
    }

    /**
     * The platform administrator's view of any workspace; a member's of their own, with their role. Any
     * other workspace answers 404, as the workspace-bound routes do, so the answer tells nothing of it.
     */
    ApiResponse get(ApiRequest request) throws SQLException {
        String id = Callers.id(request, "ws");
        if (request.caller().isPermitted(READ)) {
            return ApiResponse.ok(workspaces.find(id).map(Views.Workspace::of).orElseThrow(ProblemException::notFound));
        }
        if (!request.caller().workspaceId().map(id::equals).orElse(false)) {
            throw ProblemException.notFound();
        }
        Role role = Callers.role(request);
        return ApiResponse.ok(workspaces
                .find(id)
                .map(workspace -> Views.OwnWorkspace.of(workspace, role))
                .orElseThrow(ProblemException::notFound));
    }

    ApiResponse rename(ApiRequest request) throws SQLException {
        String id = Callers.id(request, "ws");
        Bodies.Rename body = request.body(Bodies.Rename.class);
        return ApiResponse.ok(trail.run(
                        attempt(request, id, "workspace.rename", AuditArguments.of("name", body.name())),
                        record -> workspaces.rename(id, body.name(), record))
                .map(Views.Workspace::of)
                .orElseThrow(() ->
                        trail.refused(attempt(request, id, "workspace.rename", null), ProblemException.notFound())));
    }

    ApiResponse delete(ApiRequest request) throws SQLException {
        String id = Callers.id(request, "ws");
        AuditTrail.Attempt attempt = attempt(request, id, "workspace.delete", null);
        if (!trail.run(attempt, record -> workspaces.delete(id, record))) {
            throw trail.refused(attempt, ProblemException.notFound());
        }
        return ApiResponse.noContent();
    }

    /** On the platform's chain (no workspace): the platform administrator acts, and the record outlives the workspace. */
    private static AuditTrail.Attempt attempt(
            ApiRequest request, String workspaceId, String action, @Nullable String arguments) {
        return AuditTrail.attempt(request, null, action, "workspace:" + workspaceId, arguments);
    }
}
