package io.portcullis.agent.internal;

import io.portcullis.agent.internal.api.AgentApi;
import io.portcullis.agent.internal.data.AgentStore;
import io.portcullis.agent.internal.data.ConversationStore;
import io.portcullis.agent.internal.data.JdbcAgentStore;
import io.portcullis.agent.internal.data.JdbcConversationStore;
import io.portcullis.agent.internal.data.JdbcReviewStore;
import io.portcullis.agent.internal.data.JdbcRunStore;
import io.portcullis.agent.internal.data.ReviewStore;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.agent.internal.run.RunEngine;
import io.portcullis.audit.AuditLog;
import io.portcullis.models.ModelCalls;
import io.portcullis.store.Database;
import io.portcullis.tenancy.WorkspaceCleanup;
import io.portcullis.tools.ApprovalListener;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.vault.Redactor;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The agent bundle as services: the REST routes (agents, conversations, runs and their events, the
 * review queue), its part of deleting a workspace, and the approval listener that resumes a run as
 * soon as its approval is decided on this node. The run engine starts its workers and sweeper on
 * activation and stops them on deactivation; a run a stopped node held is resumed by another once its
 * lease expires.
 */
@Component(
        service = {RouteProvider.class, WorkspaceCleanup.class, ApprovalListener.class},
        immediate = true,
        configurationPid = AgentsConfig.PID)
@Designate(ocd = AgentsConfig.class)
public final class AgentComponent implements RouteProvider, WorkspaceCleanup, ApprovalListener {

    private final RunStore runs;
    private final RunEngine engine;
    private final List<Route> routes;

    @Activate
    public AgentComponent(
            @Reference(target = "(portcullis.schema=agent)") Database database,
            @Reference ModelCalls modelCalls,
            @Reference ToolInvoker tools,
            @Reference AuditLog auditLog,
            @Reference Redactor redactor,
            AgentsConfig config) {
        AgentSettings settings = Settings.from(config);
        Clock clock = Clock.systemUTC();
        AgentStore agents = new JdbcAgentStore(database, clock);
        ConversationStore conversations = new JdbcConversationStore(database, clock);
        this.runs = new JdbcRunStore(database, clock);
        ReviewStore review = new JdbcReviewStore(database, clock);
        this.engine = new RunEngine(
                agents, conversations, runs, review, modelCalls, tools, auditLog, redactor, settings, clock);
        this.routes =
                new AgentApi(agents, conversations, runs, review, engine, tools, auditLog, redactor, settings).routes();
        engine.start();
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    /** Deletes the workspace's agents, conversations, runs and review items in the deleting transaction. */
    @Override
    public void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        runs.deleteWorkspace(connection, workspaceId);
    }

    @Override
    public void decided(String workspaceId, String approvalId, String runId, String status) {
        engine.decided(workspaceId, approvalId, runId, status);
    }
}
