package io.portcullis.policy.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.policy.internal.plugins.PluginAdmin;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.util.List;

/**
 * Which active plugins run for one workspace: its admins enable and disable them, within what the
 * platform administrator granted. The workspace always comes from the caller's credential
 * ({@link ApiRequest#callerWorkspace()}): another workspace's path answers 404.
 */
final class WorkspacePluginRoutes {

    static final String BASE = "/api/v1/workspaces/{ws}/plugins";
    static final String READ = "workspace:{ws}:plugins:read";
    static final String WRITE = "workspace:{ws}:plugins:write";

    private final PluginAdmin admin;

    WorkspacePluginRoutes(PluginAdmin admin) {
        this.admin = admin;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List plugins and whether this workspace uses them")
                        .pageOf(Views.WorkspacePluginView.class),
                Route.put(BASE + "/{id}", this::enable)
                        .requires(WRITE)
                        .summary("Enable a plugin for this workspace")
                        .response(Views.WorkspacePluginView.class)
                        .problems(409),
                Route.delete(BASE + "/{id}", this::disable)
                        .requires(WRITE)
                        .summary("Disable a plugin for this workspace"));
    }

    ApiResponse list(ApiRequest request) {
        String workspaceId = request.callerWorkspace();
        return ApiResponse.ok(Pages.of(
                        request,
                        admin.workspacePlugins(workspaceId),
                        p -> p.plugin().id())
                .map(Views.WorkspacePluginView::of));
    }

    ApiResponse enable(ApiRequest request) {
        String workspaceId = request.callerWorkspace();
        String id = PluginIds.require(request);
        return ApiResponse.ok(Views.WorkspacePluginView.of(
                Failures.call(() -> admin.enable(workspaceId, id, Actor.of(request.caller())))));
    }

    ApiResponse disable(ApiRequest request) {
        String workspaceId = request.callerWorkspace();
        String id = PluginIds.require(request);
        Failures.run(() -> admin.disable(workspaceId, id, Actor.of(request.caller())));
        return ApiResponse.noContent();
    }
}
