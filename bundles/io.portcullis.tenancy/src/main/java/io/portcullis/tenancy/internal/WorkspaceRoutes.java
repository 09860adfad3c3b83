package io.portcullis.tenancy.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.store.Database;
import io.portcullis.store.Ids;
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
 * The platform administrator's routes: create, list, read, rename and delete workspaces. Every change
 * is put on the record of the workspace's own chain first (see {@link AuditTrail}).
 */
@Component(service = RouteProvider.class)
public final class WorkspaceRoutes implements RouteProvider {

    static final String BASE = "/api/v1/workspaces";
    static final String READ = "platform:workspaces:read";
    static final String WRITE = "platform:workspaces:write";

    private final WorkspaceStore workspaces;
    private final AuditTrail trail;

    /** The bundles holding workspace data elsewhere (the vault's keys, ...), replaced as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<WorkspaceCleanup> cleanups = List.of();

    @Activate
    public WorkspaceRoutes(@Reference(target = "(portcullis.schema=tenancy)") Database database,
            @Reference AuditLog audit) {
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
                Route.post(BASE, this::create).requires(WRITE),
                Route.get(BASE, this::list).requires(READ),
                Route.get(BASE + "/{ws}", this::get).requires(READ),
                Route.patch(BASE + "/{ws}", this::rename).requires(WRITE),
                Route.delete(BASE + "/{ws}", this::delete).requires(WRITE));
    }

    /** The id is drawn first, so that the creation is recorded on the new workspace's chain. */
    ApiResponse create(ApiRequest request) throws SQLException {
        Bodies.NewWorkspace body = request.body(Bodies.NewWorkspace.class);
        String id = Ids.next();
        trail.allowed(attempt(request, id, "workspace.create",
                AuditArguments.of("name", body.name(), "owner_name", body.owner().name())));
        WorkspaceStore.Created created = workspaces.create(id, body.name(), body.owner().name());
        return ApiResponse.created(Views.NewWorkspace.of(created), BASE + "/" + created.workspace().id());
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(workspaces.list(PageRequest.of(request, Ids::valid)).map(Views.Workspace::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        return ApiResponse.ok(workspaces.find(Callers.id(request, "ws"))
                .map(Views.Workspace::of)
                .orElseThrow(ProblemException::notFound));
    }

    ApiResponse rename(ApiRequest request) throws SQLException {
        String id = Callers.id(request, "ws");
        Bodies.Rename body = request.body(Bodies.Rename.class);
        trail.allowed(attempt(request, id, "workspace.rename", AuditArguments.of("name", body.name())));
        return ApiResponse.ok(workspaces.rename(id, body.name())
                .map(Views.Workspace::of)
                .orElseThrow(ProblemException::notFound));
    }

    ApiResponse delete(ApiRequest request) throws SQLException {
        String id = Callers.id(request, "ws");
        trail.allowed(attempt(request, id, "workspace.delete", null));
        if (!workspaces.delete(id)) {
            throw ProblemException.notFound();
        }
        return ApiResponse.noContent();
    }

    private static AuditTrail.Attempt attempt(ApiRequest request, String workspaceId, String action,
            @Nullable String arguments) {
        return AuditTrail.attempt(request, workspaceId, action, "workspace:" + workspaceId, arguments);
    }
}
