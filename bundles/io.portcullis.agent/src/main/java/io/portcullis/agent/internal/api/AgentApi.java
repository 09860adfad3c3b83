package io.portcullis.agent.internal.api;

import io.portcullis.agent.internal.AgentSettings;
import io.portcullis.agent.internal.data.AgentStore;
import io.portcullis.agent.internal.data.ConversationStore;
import io.portcullis.agent.internal.data.ReviewStore;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.agent.internal.run.Runs;
import io.portcullis.audit.AuditLog;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.vault.Redactor;
import io.portcullis.web.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every REST route of the agent bundle, over its stores and the run engine. */
public final class AgentApi {

    /** How often an idle event stream gets a comment, so proxies and clients know it is alive. */
    public static final Duration PING = Duration.ofSeconds(15);

    private final List<Route> routes;

    public AgentApi(
            AgentStore agents,
            ConversationStore conversations,
            RunStore runs,
            ReviewStore review,
            Runs engine,
            ToolInvoker tools,
            AuditLog log,
            Redactor redactor,
            AgentSettings settings) {
        this(agents, conversations, runs, review, engine, tools, log, redactor, settings, PING);
    }

    AgentApi(
            AgentStore agents,
            ConversationStore conversations,
            RunStore runs,
            ReviewStore review,
            Runs engine,
            ToolInvoker tools,
            AuditLog log,
            Redactor redactor,
            AgentSettings settings,
            Duration ping) {
        StreamSlots slots = new StreamSlots(settings.streamsPerNode(), settings.streamsPerWorkspace());
        List<Route> all = new ArrayList<>();
        all.addAll(new AgentRoutes(agents, tools, log).routes());
        all.addAll(new ConversationRoutes(agents, conversations, engine, redactor, log).routes());
        all.addAll(new RunRoutes(runs, conversations, engine).routes());
        all.addAll(new EventRoutes(runs, engine, slots, ping).routes());
        all.addAll(new ReviewRoutes(review, log).routes());
        this.routes = List.copyOf(all);
    }

    public List<Route> routes() {
        return routes;
    }
}
