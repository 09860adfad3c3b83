package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.AgentSettings;
import io.portcullis.agent.internal.data.AgentStore;
import io.portcullis.agent.internal.data.ConversationStore;
import io.portcullis.agent.internal.data.ReviewStore;
import io.portcullis.agent.internal.data.RunStore;
import io.portcullis.audit.AuditLog;
import io.portcullis.models.ModelCalls;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.vault.Redactor;
import java.time.Clock;

/** What the engine's classes share: the stores, the services, the settings and this node's state. */
record Parts(
        AgentStore agents,
        ConversationStore conversations,
        RunStore runs,
        ReviewStore review,
        ModelCalls models,
        ToolInvoker tools,
        AuditLog audit,
        Redactor redactor,
        AgentSettings settings,
        Clock clock,
        EventBus events,
        Cancels cancels,
        Leases leases,
        States states) {}
