package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.Actor;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.policy.internal.plugins.PluginAdmin;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.util.List;

/**
 * A workspace's policy ({@link PolicyBody}): read by its members, set by its admins, either whole
 * ({@code PUT}, every field required) or in part ({@code PATCH}, a JSON Merge Patch). Both validate the
 * policy that would result the same way, answer it whole, and change nothing when they answer 400.
 */
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
                Route.get(PATH, this::get)
                        .requires(READ)
                        .summary("Read the workspace policy")
                        .response(PolicyBody.class),
                Route.put(PATH, this::put)
                        .requires(WRITE)
                        .summary("Replace the workspace policy")
                        .description("Every field is required: a document missing one is refused, so nothing"
                                + " is reset by accident. tainted_calls may be left out (the rules in force stay);"
                                + " version is computed by the server and ignored here.")
                        .request(PolicyBody.class)
                        .response(PolicyBody.class),
                Route.patch(PATH, this::patch)
                        .requires(WRITE)
                        .summary("Change part of the workspace policy")
                        .description("A JSON Merge Patch (RFC 7396) of the policy document, sent as"
                                + " application/merge-patch+json or application/json: members left out stay,"
                                + " null resets a member to its default, egress and tainted_calls merge, lists"
                                + " replace whole; version is read-only.")
                        .response(PolicyBody.class));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(PolicyBody.of(admin.policy(request.callerWorkspace())));
    }

    /**
     * Replaces the whole policy; a document missing any field is refused, so nothing is reset by accident.
     * {@code tainted_calls} (added later) may be left out: the rules in force stay. {@code version} may be
     * sent back as {@code GET} answered it; it is ignored.
     */
    ApiResponse put(ApiRequest request) {
        String workspaceId = request.callerWorkspace();
        JsonNode document = request.body(JsonNode.class);
        WorkspacePolicy wanted = PolicyBody.whole(document);
        boolean setsTainted = PolicyBody.setsTaintedCalls(document);
        return ApiResponse.ok(PolicyBody.of(Failures.call(() -> admin.updatePolicy(
                workspaceId,
                current -> setsTainted ? wanted : wanted.withTaintedCalls(current.taintedCalls()),
                Actor.of(request.caller())))));
    }

    /**
     * Applies a JSON Merge Patch (RFC 7396, {@code application/merge-patch+json} or {@code application/json})
     * to the policy in force, under the gate's lock on it so concurrent patches are not lost: members left
     * out stay, {@code null} resets a member to its default, {@code egress} merges, lists replace whole.
     */
    ApiResponse patch(ApiRequest request) {
        String workspaceId = request.callerWorkspace();
        JsonNode patch = request.body(JsonNode.class);
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("A merge patch of the policy must be a JSON object.");
        }
        return ApiResponse.ok(PolicyBody.of(Failures.call(() -> admin.updatePolicy(
                workspaceId,
                current -> PolicyBody.withDefaults(MergePatch.apply(PolicyBody.json(current), patch)),
                Actor.of(request.caller())))));
    }
}
