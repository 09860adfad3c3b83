package io.portcullis.agent.internal.api;

import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.AgentConfig;
import io.portcullis.agent.internal.data.AgentStore;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.OutcomeRecorder;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's agents: read by its members, written by its admins. Every change writes a new version
 * (a run records the one it used) and is on the record ({@code agent.create/update/delete}) with its
 * outcome, a refused body included.
 */
final class AgentRoutes {

    static final String BASE = Requests.WORKSPACE + "/agents";
    static final String READ = "workspace:{ws}:agents:read";
    static final String WRITE = "workspace:{ws}:agents:write";

    private final AgentStore agents;
    private final AgentFields fields;
    private final OutcomeRecorder recorder;

    AgentRoutes(AgentStore agents, ToolInvoker tools, AuditLog log) {
        this.agents = agents;
        this.fields = new AgentFields(tools);
        this.recorder = new OutcomeRecorder(log);
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List the workspace's agents at their current versions")
                        .pageOf(Views.AgentView.class),
                Route.post(BASE, this::create)
                        .requires(WRITE)
                        .summary("Create an agent: instructions, model profile, tools, limits and handoff rules")
                        .request(AgentBody.class)
                        .response(Views.AgentView.class)
                        .status(201)
                        .problems(409),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read an agent at its current version")
                        .response(Views.AgentView.class),
                Route.patch(BASE + "/{id}", this::update)
                        .requires(WRITE)
                        .summary("Change an agent: the fields sent, merged over the current version, make the next")
                        .request(AgentBody.class)
                        .response(Views.AgentView.class)
                        .problems(409),
                Route.get(BASE + "/{id}/versions/{version}", this::version)
                        .requires(READ)
                        .summary("Read an agent at one of its versions (the one a run recorded, say)")
                        .response(Views.AgentView.class),
                Route.delete(BASE + "/{id}", this::delete)
                        .requires(WRITE)
                        .summary("Delete an agent and its versions; refused while conversations use it")
                        .status(204)
                        .problems(409));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        return ApiResponse.ok(agents.list(workspaceId, Requests.byId(request)).map(Views.AgentView::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        return ApiResponse.ok(Views.AgentView.of(
                agents.find(workspaceId, Requests.id(request, "id")).orElseThrow(ProblemException::notFound)));
    }

    ApiResponse version(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Requests.id(request, "id");
        String text = request.pathParam("version");
        if (!text.matches("[1-9][0-9]{0,8}")) {
            throw ProblemException.notFound();
        }
        return ApiResponse.ok(Views.AgentView.of(
                agents.version(workspaceId, id, Integer.parseInt(text)).orElseThrow(ProblemException::notFound)));
    }

    ApiResponse create(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        AuditEvent attempt = Requests.attempt(request, workspaceId, "agent.create", "agent:new");
        String name;
        AgentConfig config;
        try {
            AgentBody body = request.body(AgentBody.class);
            name = AgentFields.name(request, body.name(), true);
            config = fields.merge(request, workspaceId, body, AgentFields.DEFAULTS, true);
        } catch (ProblemException problem) {
            throw recorder.refused(attempt, problem);
        }
        String by = Actor.of(request.caller()).id();
        String checked = Objects.requireNonNull(name);
        Agent agent = recorder.change(attempt, record -> agents.create(workspaceId, checked, config, by, record));
        return ApiResponse.created(Views.AgentView.of(agent), Requests.base(workspaceId) + "/agents/" + agent.id());
    }

    ApiResponse update(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Requests.id(request, "id");
        AuditEvent attempt = Requests.attempt(request, workspaceId, "agent.update", "agent:" + id);
        Agent current;
        @Nullable String name;
        AgentConfig config;
        try {
            AgentBody body = request.body(AgentBody.class);
            current = agents.find(workspaceId, id).orElseThrow(ProblemException::notFound);
            name = AgentFields.name(request, body.name(), false);
            config = fields.merge(request, workspaceId, body, current.config(), false);
        } catch (ProblemException problem) {
            throw recorder.refused(attempt, problem);
        }
        String by = Actor.of(request.caller()).id();
        Agent updated = recorder.change(
                attempt,
                record -> agents.update(workspaceId, id, name, config, by, record)
                        .orElseThrow(ProblemException::notFound));
        return ApiResponse.ok(Views.AgentView.of(updated));
    }

    ApiResponse delete(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Requests.id(request, "id");
        AuditEvent attempt = Requests.attempt(request, workspaceId, "agent.delete", "agent:" + id);
        recorder.change(attempt, record -> {
            if (!agents.delete(workspaceId, id, record)) {
                throw ProblemException.notFound();
            }
            return null;
        });
        return ApiResponse.noContent();
    }
}
