package io.portcullis.agent.internal.api;

import io.portcullis.agent.internal.data.ConversationStore;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunStep;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.agent.internal.run.Runs;
import io.portcullis.audit.Actor;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace's runs and their steps: read by its members; cancelled by its operators (202 while the
 * run stops, 200 for one that had already ended). The engine puts the cancel on the record.
 */
final class RunRoutes {

    static final String BASE = Requests.WORKSPACE + "/runs";
    static final String READ = "workspace:{ws}:runs:read";
    static final String WRITE = "workspace:{ws}:runs:write";

    private final RunStore runs;
    private final ConversationStore conversations;
    private final Runs engine;

    RunRoutes(RunStore runs, ConversationStore conversations, Runs engine) {
        this.runs = runs;
        this.conversations = conversations;
        this.engine = engine;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List the workspace's runs")
                        .pageOf(Views.RunView.class)
                        .query("conversation_id: only the runs of this conversation")
                        .problems(404),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read a run: its state, counters, usage and why it ended")
                        .response(Views.RunView.class),
                Route.get(BASE + "/{id}/steps", this::steps)
                        .requires(READ)
                        .summary("Read a run's steps in order: model calls, tool calls, handoffs")
                        .pageOf(Views.StepView.class),
                Route.post(BASE + "/{id}/cancel", this::cancel)
                        .requires(WRITE)
                        .summary("Cancel a run: 202 while it stops, 200 when it had already ended")
                        .response(Views.RunView.class)
                        .status(202));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Optional<String> conversationId = Requests.idParam(request, "conversation_id");
        if (conversationId.isPresent()
                && conversations.find(workspaceId, conversationId.get()).isEmpty()) {
            throw ProblemException.notFound();
        }
        return ApiResponse.ok(runs.list(workspaceId, conversationId.orElse(null), Requests.byId(request))
                .map(Views.RunView::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        return ApiResponse.ok(Views.RunView.of(run(request, workspaceId)));
    }

    ApiResponse steps(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Run run = run(request, workspaceId);
        PageRequest page = Requests.bySeq(request);
        long after = page.after().isEmpty() ? 0 : Long.parseLong(page.after());
        List<RunStep> rows = runs.steps(workspaceId, run.id()).stream()
                .filter(step -> step.seq() > after)
                .limit(page.fetch())
                .toList();
        return ApiResponse.ok(
                page.page(rows, step -> Integer.toString(step.seq())).map(Views.StepView::of));
    }

    ApiResponse cancel(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Run before = run(request, workspaceId);
        if (before.state().terminal()) {
            return ApiResponse.ok(Views.RunView.of(before));
        }
        Run run = engine.cancel(workspaceId, before.id(), Actor.of(request.caller()), request.requestId())
                .orElseThrow(ProblemException::notFound);
        return new ApiResponse(202, Views.RunView.of(run), Map.of());
    }

    private Run run(ApiRequest request, String workspaceId) throws SQLException {
        return runs.find(workspaceId, Requests.id(request, "id")).orElseThrow(ProblemException::notFound);
    }
}
