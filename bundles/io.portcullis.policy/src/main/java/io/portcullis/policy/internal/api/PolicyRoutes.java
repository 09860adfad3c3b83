package io.portcullis.policy.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.policy.internal.plugins.PluginAdmin;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.util.List;

/** A workspace's policy ({@link PolicyBody}): read by its members, set by its admins. */
final class PolicyRoutes {

    static final String PATH = "/api/v1/workspaces/{ws}/policy";
    static final String READ = "workspace:{ws}:policy:read";
    static final String WRITE = "workspace:{ws}:policy:write";

    private final PluginAdmin admin;

    PolicyRoutes(PluginAdmin admin) {
        this.admin = admin;
    }

    List<Route> routes() {
        return List.of(
                Route.get(PATH, this::get).requires(READ).summary("Read the workspace policy")
                        .response(PolicyBody.class),
                Route.put(PATH, this::put).requires(WRITE).summary("Replace the workspace policy")
                        .request(PolicyBody.class).response(PolicyBody.class));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(PolicyBody.of(admin.policy(request.callerWorkspace())));
    }

    /** Answers the policy as the gate holds it after the change, not the body as sent. */
    ApiResponse put(ApiRequest request) {
        String workspaceId = request.callerWorkspace();
        PolicyBody wanted = request.body(PolicyBody.class);
        Failures.run(() -> admin.setPolicy(workspaceId, wanted.policy(), Actor.of(request.caller())));
        return ApiResponse.ok(PolicyBody.of(admin.policy(workspaceId)));
    }
}
