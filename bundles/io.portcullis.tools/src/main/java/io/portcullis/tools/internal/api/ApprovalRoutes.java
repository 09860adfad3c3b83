package io.portcullis.tools.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.store.Ids;
import io.portcullis.tools.internal.approvals.ApprovalStore;
import io.portcullis.tools.internal.approvals.Approvals;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.sql.SQLException;
import java.util.List;

/**
 * A workspace's approvals: read by its members, approved or denied by its operators and above (see
 * {@link Approvals} for four eyes, expiry and the once-only execution). Neither decision takes a body.
 */
final class ApprovalRoutes {

    static final String BASE = "/api/v1/workspaces/{ws}/approvals";
    static final String READ = "workspace:{ws}:approvals:read";
    static final String WRITE = "workspace:{ws}:approvals:write";

    private final Approvals approvals;

    ApprovalRoutes(Approvals approvals) {
        this.approvals = approvals;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List tool calls awaiting or given a decision")
                        .pageOf(Views.ApprovalView.class),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read an approval")
                        .response(Views.ApprovalView.class),
                Route.post(BASE + "/{id}/approve", this::approve)
                        .requires(WRITE)
                        .summary("Approve a tool call; it runs now")
                        .response(Views.ApprovalView.class)
                        .problems(409),
                Route.post(BASE + "/{id}/deny", this::deny)
                        .requires(WRITE)
                        .summary("Deny a tool call")
                        .response(Views.ApprovalView.class)
                        .problems(409));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        PageRequest page = PageRequest.of(
                request, cursor -> ApprovalStore.CURSOR.matcher(cursor).matches());
        return ApiResponse.ok(approvals.list(workspaceId, page).map(Views.ApprovalView::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        return ApiResponse.ok(Views.ApprovalView.of(approvals.get(request.callerWorkspace(), id(request))));
    }

    ApiResponse approve(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Approvals.Decided decided =
                approvals.approve(workspaceId, id(request), Actor.of(request.caller()), request.requestId());
        return ApiResponse.ok(Views.ApprovalView.of(
                decided.approval(), decided.outcome() == null ? null : Views.invocation(decided.outcome())));
    }

    ApiResponse deny(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Approvals.Decided decided =
                approvals.deny(workspaceId, id(request), Actor.of(request.caller()), request.requestId());
        return ApiResponse.ok(Views.ApprovalView.of(decided.approval()));
    }

    /** A malformed id answers as a missing one does. */
    private static String id(ApiRequest request) {
        String id = request.pathParam("id");
        if (!Ids.valid(id)) {
            throw ProblemException.notFound();
        }
        return id;
    }
}
