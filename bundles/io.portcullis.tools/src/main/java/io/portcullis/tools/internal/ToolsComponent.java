package io.portcullis.tools.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.egress.Egress;
import io.portcullis.hosts.PluginHosts;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.Tool;
import io.portcullis.store.Database;
import io.portcullis.tenancy.Membership;
import io.portcullis.tenancy.WorkspaceCleanup;
import io.portcullis.tools.ApprovalListener;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolInfo;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.internal.api.ToolsApi;
import io.portcullis.tools.internal.approvals.ApprovalStore;
import io.portcullis.tools.internal.approvals.Approvals;
import io.portcullis.tools.internal.guard.ToolExecutor;
import io.portcullis.tools.internal.invoke.EgressFactory;
import io.portcullis.tools.internal.invoke.GuardedEgress;
import io.portcullis.tools.internal.invoke.Invoker;
import io.portcullis.tools.internal.registry.ToolOwner;
import io.portcullis.tools.internal.registry.ToolRegistry;
import io.portcullis.tools.internal.schema.SchemaCompiler;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.Redactor;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The tools bundle as services: the {@link ToolInvoker}, the REST routes and its part of deleting a
 * workspace. Plugin tools arrive and leave as services (the only dynamic reference: a collection of
 * plugins); each is asked for its plugin id at every call, so a tool counts only while its bundle is
 * an active plugin, or, for a plugin host's proxy, while the plugin it names is active. Without the egress bundle's guard, every send is refused
 * ({@link EgressFactory#UNAVAILABLE}).
 */
@Component(
        service = {ToolInvoker.class, RouteProvider.class, WorkspaceCleanup.class},
        immediate = true,
        configurationPid = ToolsConfig.PID)
@Designate(ocd = ToolsConfig.class)
public final class ToolsComponent implements ToolInvoker, RouteProvider, WorkspaceCleanup {

    private final PluginPolicy policy;
    private final ToolRegistry registry;
    private final Invoker invoker;
    private final ToolsApi api;
    /** The bundle of the plugin-hosts API: only its Tool services may name the plugin behind them. */
    private final @Nullable Bundle hostsBundle = FrameworkUtil.getBundle(PluginHosts.class);

    private volatile EgressFactory egress = EgressFactory.UNAVAILABLE;

    @Activate
    public ToolsComponent(
            @Reference PluginPolicy policy,
            @Reference CredentialUse credentials,
            @Reference Redactor redactor,
            @Reference AuditLog auditLog,
            @Reference(target = "(portcullis.schema=tools)") Database database,
            @Reference Membership membership,
            ToolsConfig config) {
        ToolsSettings settings = ToolsSettings.from(config);
        this.policy = policy;
        Clock clock = Clock.systemUTC();
        ApprovalStore store = new ApprovalStore(database, clock);
        ToolExecutor guard = new ToolExecutor(settings.threads(), settings.queue());
        this.registry = new ToolRegistry(new SchemaCompiler(), guard, new RegistrationAudit(auditLog));
        this.invoker = new Invoker(
                registry,
                policy,
                credentials,
                redactor,
                auditLog,
                () -> egress,
                guard,
                store,
                clock,
                settings.approvalTtl());
        this.api = new ToolsApi(invoker, new Approvals(store, invoker, policy, auditLog, membership));
    }

    /** A plugin's tool, or a plugin host's proxy for one (see {@link ToolOwner} for who it is attributed to). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTool(Tool tool, ServiceReference<Tool> reference) {
        @Nullable ToolOwner owner = ToolOwner.of(reference, hostsBundle, policy);
        if (owner != null) {
            registry.add(tool, owner.owner(), owner.version(), owner.plugin());
        }
    }

    void removeTool(Tool tool) {
        registry.remove(tool);
    }

    /**
     * Told of every decided approval (executed, failed, denied, or expired with its cancelled run), once,
     * after it is stored; one that throws is logged and ignored.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addApprovalListener(ApprovalListener listener) {
        invoker.listeners().add(listener);
    }

    void removeApprovalListener(ApprovalListener listener) {
        invoker.listeners().remove(listener);
    }

    /** The egress guard: each call's client is scoped to its workspace, plugin, deadline and host lists. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEgress(Egress guard) {
        egress = new GuardedEgress(guard);
    }

    void unbindEgress(Egress guard) {
        egress = EgressFactory.UNAVAILABLE;
    }

    @Deactivate
    void deactivate() {
        invoker.close();
    }

    @Override
    public ToolOutcome invoke(ToolCall call) {
        return invoker.invoke(call);
    }

    @Override
    public List<ToolInfo> tools(String workspaceId) {
        return invoker.tools(workspaceId);
    }

    @Override
    public List<Route> routes() {
        return api.routes();
    }

    /** Deletes the workspace's approvals in the deleting transaction and forgets its run counts. */
    @Override
    public void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        ApprovalStore.deleteWorkspace(connection, workspaceId);
        invoker.forget(workspaceId);
    }

    @Override
    public Optional<ApprovalState> approval(String workspaceId, String approvalId) {
        return invoker.approval(workspaceId, approvalId);
    }

    @Override
    public int expireApprovals(String workspaceId, String runId) {
        return invoker.expireApprovals(workspaceId, runId);
    }
}
