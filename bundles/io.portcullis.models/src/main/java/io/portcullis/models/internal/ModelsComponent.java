package io.portcullis.models.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.egress.Egress;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelCalls;
import io.portcullis.models.ModelRefusal;
import io.portcullis.models.ModelResult;
import io.portcullis.models.internal.api.CompletionRoutes;
import io.portcullis.models.internal.gateway.Gateway;
import io.portcullis.models.internal.gateway.Providers;
import io.portcullis.models.internal.metering.Meter;
import io.portcullis.models.internal.profiles.ProfileRoutes;
import io.portcullis.models.internal.profiles.ProfileStore;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.PluginService;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider;
import io.portcullis.store.Database;
import io.portcullis.tenancy.WorkspaceCleanup;
import io.portcullis.vault.Redactor;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models bundle as services: {@link ModelCalls} (the metered path), the REST routes (profiles,
 * completions, and the meter's prices, budget and usage) and its part of deleting a workspace. Model
 * providers arrive and leave as services (the only dynamic reference: a collection of plugins); each
 * counts for a plugin by the policy's {@link PluginService} rule. A sweeper settles reservations left
 * by crashed calls every {@code sweepSeconds}.
 */
@Component(
        service = {ModelCalls.class, RouteProvider.class, WorkspaceCleanup.class},
        immediate = true,
        configurationPid = ModelsConfig.PID)
@Designate(ocd = ModelsConfig.class)
public final class ModelsComponent implements ModelCalls, RouteProvider, WorkspaceCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(ModelsComponent.class);

    private final PluginPolicy policy;
    private final Providers providers = new Providers();
    private final @Nullable Bundle hostsBundle = PluginService.hostsBundle();
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService sweeper;
    private final Gateway gateway;
    private final List<Route> routes;
    private final Meter meter;

    @Activate
    public ModelsComponent(
            @Reference PluginPolicy policy,
            @Reference Redactor redactor,
            @Reference AuditLog auditLog,
            @Reference Egress egress,
            @Reference(target = "(portcullis.schema=models)") Database database,
            ModelsConfig config) {
        ModelsSettings settings = ModelsSettings.from(config);
        this.policy = policy;
        Clock clock = Clock.systemUTC();
        MeterBinding metering = MeterBinding.of(database);
        this.meter = metering.meter();
        ProfileStore profiles = new ProfileStore(database, clock);
        this.executor = executor(settings);
        this.gateway = new Gateway(
                profiles::byName,
                policy,
                providers,
                () -> meter,
                egress,
                redactor,
                auditLog,
                executor,
                settings,
                clock);
        List<Route> all = new ArrayList<>(new ProfileRoutes(profiles, policy, egress, auditLog).routes());
        all.addAll(new CompletionRoutes(gateway).routes());
        all.addAll(metering.routes(auditLog));
        this.routes = List.copyOf(all);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "portcullis-models-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.sweepInterval().toSeconds();
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
    }

    private static ThreadPoolExecutor executor(ModelsSettings settings) {
        AtomicInteger count = new AtomicInteger();
        BlockingQueue<Runnable> queue =
                settings.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(settings.queue());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                settings.threads(), settings.threads(), 60, TimeUnit.SECONDS, queue, runnable -> {
                    Thread thread = new Thread(runnable, "portcullis-model-call-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void sweep() {
        try {
            int swept = meter.sweep();
            if (swept > 0) {
                LOG.info("Settled {} model call reservation(s) left by calls that did not end", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("Sweeping model call reservations failed ({})", e.toString());
        }
    }

    /** A plugin's model provider, or a plugin host's proxy for one (see {@link PluginService}). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ModelProvider provider, ServiceReference<ModelProvider> reference) {
        @Nullable PluginService owner = PluginService.of(reference, hostsBundle, policy);
        if (owner != null) {
            providers.add(provider, owner.owner(), owner.plugin());
        }
    }

    void removeProvider(ModelProvider provider) {
        providers.remove(provider);
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        executor.shutdownNow();
    }

    @Override
    public ModelResult call(ModelCall call, CompletionSink sink) throws ModelRefusal {
        return gateway.call(call, sink);
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    /** Deletes the workspace's profiles in the deleting transaction. */
    @Override
    public void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        ProfileStore.deleteWorkspace(connection, workspaceId);
        MeterBinding.deleteWorkspace(connection, workspaceId);
    }
}
