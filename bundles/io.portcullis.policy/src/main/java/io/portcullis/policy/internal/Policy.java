package io.portcullis.policy.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.hosts.PluginHosts;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.PrivateEndpoints;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.policy.internal.api.PolicyApi;
import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.policy.internal.gate.Classifier;
import io.portcullis.policy.internal.gate.Grants;
import io.portcullis.policy.internal.gate.Hooks;
import io.portcullis.policy.internal.plugins.Gate;
import io.portcullis.policy.internal.plugins.JarStore;
import io.portcullis.policy.internal.store.WorkspaceSettings;
import io.portcullis.spi.Risk;
import io.portcullis.store.Database;
import io.portcullis.tenancy.WorkspaceCleanup;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The plugin gate as one component: its framework hooks go up first, then the plugins granted before
 * are started again, then the deploy folder is watched. Registers the API routes, the per-call
 * {@link PluginPolicy} and the policy's part of deleting a workspace. While this component is not
 * active, no plugin runs: deactivation stops them all, and the launcher's start-up gate keeps
 * plugins unresolved until the hooks are back. Granted plugins run in the hosts of the mandatory
 * {@link PluginHosts} service (in the core only under its {@code in-process} isolation): without it, this
 * component does not activate and no plugin runs at all.
 */
@Component(
        service = {RouteProvider.class, PluginPolicy.class, WorkspaceCleanup.class},
        immediate = true,
        configurationPid = PolicyConfig.PID)
@Designate(ocd = PolicyConfig.class)
public final class Policy implements RouteProvider, PluginPolicy, WorkspaceCleanup {

    private final Hooks hooks;
    private final Gate gate;
    private final List<Route> routes;

    /** The egress guard's private endpoint grants, for the plugin views: bound by reference, got on first use. */
    private final PrivateEndpointsView privateEndpoints;

    @Activate
    public Policy(
            BundleContext context,
            PolicyConfig config,
            @Reference(target = "(portcullis.schema=policy)") Database database,
            @Reference AuditLog auditLog,
            @Reference PluginHosts hosts)
            throws SQLException {
        PolicySettings settings = PolicySettings.from(config);
        this.privateEndpoints = new PrivateEndpointsView(context);
        Classifier classifier =
                new Classifier(context.getProperty(Classifier.CORE_DIR), context.getProperty(Classifier.DEPLOY_DIR));
        Grants grants = new Grants();
        ScopeCatalogue catalogue = new ScopeCatalogue(Set.of(config.extraGrantableScopes()));
        this.hooks = new Hooks(context, classifier, grants);
        try {
            this.gate = Gate.open(
                    context,
                    classifier,
                    grants,
                    catalogue,
                    database,
                    auditLog,
                    settings.deployPollMillis(),
                    settings.maxPluginBytes(),
                    hosts,
                    JarStore.inDataFolder(context.getProperty(JarStore.DATA_PROPERTY)),
                    settings.hostStartWait());
        } catch (SQLException | RuntimeException e) {
            hooks.close();
            throw e;
        }
        this.routes =
                new PolicyApi(gate.service(), catalogue, settings.maxPluginBytes(), privateEndpoints::origins).routes();
    }

    @Deactivate
    void deactivate() {
        gate.close();
        hooks.close();
    }

    /** Binds the service's reference only: getting the guard now could close a cycle (see the view). */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            service = PrivateEndpoints.class)
    void bindPrivateEndpoints(ServiceReference<PrivateEndpoints> reference) {
        privateEndpoints.bind(reference);
    }

    void unbindPrivateEndpoints(ServiceReference<PrivateEndpoints> reference) {
        privateEndpoints.unbind(reference);
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public Decision decide(String pluginId, String workspaceId, Risk risk) {
        return gate.service().decide(pluginId, workspaceId, risk);
    }

    @Override
    public boolean holds(String pluginId, String scope) {
        return gate.service().holds(pluginId, scope);
    }

    @Override
    public boolean declares(String pluginId, String scope) {
        return gate.service().declares(pluginId, scope);
    }

    @Override
    public WorkspacePolicy workspacePolicy(String workspaceId) {
        return gate.service().workspacePolicy(workspaceId);
    }

    @Override
    public boolean active(String pluginId) {
        return gate.service().active(pluginId);
    }

    @Override
    public Optional<String> activePlugin(Bundle bundle) {
        return gate.service().activePlugin(bundle);
    }

    @Override
    public void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        WorkspaceSettings.deleteWorkspace(connection, workspaceId);
        gate.service().rebuildLater();
    }
}
