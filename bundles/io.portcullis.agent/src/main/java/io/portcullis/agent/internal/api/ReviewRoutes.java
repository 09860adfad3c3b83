package io.portcullis.agent.internal.api;

import io.portcullis.agent.internal.data.ReviewItem;
import io.portcullis.agent.internal.data.ReviewStore;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.OutcomeRecorder;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Names;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The workspace's review queue (escalations of runs handed off): read by its members, worked by its
 * operators, who move an item {@code open → in_progress → resolved} (or {@code open → resolved},
 * {@code resolved → open}; any other move 409) and assign it. Each change is on the record
 * ({@code review.update}) and in the item's history.
 */
final class ReviewRoutes {

    static final String BASE = Requests.WORKSPACE + "/review";
    static final String READ = "workspace:{ws}:review:read";
    static final String WRITE = "workspace:{ws}:review:write";
    static final Set<String> STATUSES = Set.of("open", "in_progress", "resolved");
    static final int MAX_ASSIGNEE = 255;
    /** The store's cursor: 0 for an open or in-progress item, 1 for a resolved one, then the id. */
    static final Pattern CURSOR = Pattern.compile("[01][0-9a-f]{24}");

    private final ReviewStore review;
    private final OutcomeRecorder recorder;

    ReviewRoutes(ReviewStore review, AuditLog log) {
        this.review = review;
        this.recorder = new OutcomeRecorder(log);
    }

    /** A change: a new status, an assignee ({@code ""} to unassign), or both. */
    record ReviewBody(@Nullable String status, @Nullable String assignee) {}

    List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List the review queue: open and in-progress items first, then resolved")
                        .pageOf(Views.ReviewView.class)
                        .query("status: only items of this status (open, in_progress, resolved)"),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read a review item with its history of status and assignee changes")
                        .response(Views.ReviewDetail.class),
                Route.patch(BASE + "/{id}", this::update)
                        .requires(WRITE)
                        .summary("Move a review item along (open, in_progress, resolved) or assign it ('' unassigns)")
                        .request(ReviewBody.class)
                        .response(Views.ReviewDetail.class)
                        .problems(409));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Optional<String> status = request.queryParam("status");
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw ProblemException.badRequest("Query parameter 'status' must be open, in_progress or resolved.");
        }
        PageRequest page =
                PageRequest.of(request, cursor -> CURSOR.matcher(cursor).matches());
        return ApiResponse.ok(
                review.list(workspaceId, status.orElse(null), page).map(Views.ReviewView::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Requests.id(request, "id");
        ReviewItem item = review.find(workspaceId, id).orElseThrow(ProblemException::notFound);
        return ApiResponse.ok(Views.ReviewDetail.of(item, review.history(workspaceId, id)));
    }

    ApiResponse update(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Requests.id(request, "id");
        AuditEvent attempt = Requests.attempt(request, workspaceId, "review.update", "review_item:" + id);
        ReviewBody body;
        @Nullable String assignee;
        try {
            body = request.body(ReviewBody.class);
            if (body.status() == null && body.assignee() == null) {
                throw ProblemException.badRequest("Send 'status', 'assignee' or both.");
            }
            if (body.status() != null && !STATUSES.contains(body.status())) {
                throw ProblemException.badRequest("'status' must be open, in_progress or resolved.");
            }
            assignee = assignee(request, body.assignee());
        } catch (ProblemException problem) {
            throw recorder.refused(attempt, problem);
        }
        String actor = Actor.of(request.caller()).id();
        ReviewItem item = recorder.change(
                attempt,
                record -> review.update(workspaceId, id, body.status(), assignee, actor, record)
                        .orElseThrow(ProblemException::notFound));
        return ApiResponse.ok(Views.ReviewDetail.of(item, review.history(workspaceId, id)));
    }

    /** The assignee to set: unchanged (null), none ({@code ""}), or a name shown to every reader. */
    private static @Nullable String assignee(ApiRequest request, @Nullable String assignee) {
        if (assignee == null || assignee.isEmpty()) {
            return assignee;
        }
        String name = Names.require("assignee", assignee);
        if (name.length() > MAX_ASSIGNEE) {
            throw ProblemException.badRequest("'assignee' must be at most " + MAX_ASSIGNEE + " characters.");
        }
        request.requireNotSecret("assignee", name);
        return name;
    }
}
