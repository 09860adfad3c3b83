package io.portcullis.policy.internal.plugins;

import io.portcullis.audit.AuditLog;
import io.portcullis.hosts.PluginHosts;
import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.policy.internal.gate.Classifier;
import io.portcullis.policy.internal.gate.Grants;
import io.portcullis.policy.internal.scan.BytecodeScanner;
import io.portcullis.policy.internal.store.PluginStore;
import io.portcullis.policy.internal.store.Snapshots;
import io.portcullis.policy.internal.store.WorkspaceSettings;
import io.portcullis.store.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gate: the plugin manager and the policy service over the database, one background
 * thread that watches the deploy folder and keeps the snapshot fresh, and a listener that marks every
 * bundle installed by another bundle as a plugin at the moment of its install.
 */
public final class Gate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);

    private final BundleContext context;
    private final PluginManager manager;
    private final PolicyService service;
    private final SynchronousBundleListener installs;
    private final ScheduledExecutorService background;

    private Gate(
            BundleContext context,
            PluginManager manager,
            PolicyService service,
            Classifier classifier,
            ScheduledExecutorService background) {
        this.context = context;
        this.manager = manager;
        this.service = service;
        this.background = background;
        long self = context.getBundle().getBundleId();
        this.installs = event -> {
            if (event.getType() != BundleEvent.INSTALLED) {
                return;
            }
            long origin = event.getOrigin().getBundleId();
            if (origin != 0 && origin != self) {
                Bundle bundle = event.getBundle();
                classifier.markPlugin(bundle.getLocation()); // now, before anything can resolve it
                String installer = String.valueOf(event.getOrigin().getSymbolicName());
                background.execute(() -> adopt(bundle, installer));
            }
        };
    }

    public static Gate open(
            BundleContext context,
            Classifier classifier,
            Grants grants,
            ScopeCatalogue scopes,
            Database database,
            AuditLog auditLog,
            long pollMillis,
            long maxPluginBytes,
            PluginHosts hosts,
            JarStore jars,
            Duration hostStartWait)
            throws SQLException {
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService background =
                Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "portcullis-plugin-gate"));
        PluginBundles bundles = new PluginBundles(context);
        PluginAudit audit = new PluginAudit(auditLog);
        Inspection inspection = new Inspection(scopes, () -> coreNames(context, classifier));
        PolicyService[] service = new PolicyService[1];
        PluginManager manager = new PluginManager(
                new PluginStore(database),
                bundles,
                classifier,
                grants,
                inspection,
                new BytecodeScanner(),
                audit,
                () -> service[0].rebuild(),
                clock,
                hosts,
                jars,
                hostStartWait,
                background);
        service[0] = new PolicyService(
                manager, new WorkspaceSettings(database), new Snapshots(database), bundles::find, audit, clock);
        Gate gate = new Gate(context, manager, service[0], classifier, background);
        context.addBundleListener(gate.installs);
        if (manager.hosted()) {
            LOG.info(
                    "Granted plugins run in their own hosts ({} isolation)",
                    hosts.isolation().id());
            hosts.unavailable().ifPresent(why -> LOG.error("Plugins cannot start on this machine: {}", why));
        } else {
            LOG.warn("Granted plugins run inside the server (in-process isolation): for plugin development only");
        }
        try {
            manager.start();
        } catch (SQLException | RuntimeException e) {
            gate.close();
            throw e;
        }
        String deploy = context.getProperty(Classifier.DEPLOY_DIR);
        Runnable tick = deploy == null || deploy.isBlank()
                ? service[0]::refreshIfStale
                : new DeployWatcher(Path.of(deploy), manager, service[0]::refreshIfStale, maxPluginBytes);
        gate.background.scheduleWithFixedDelay(tick, 0, pollMillis, TimeUnit.MILLISECONDS);
        if (!classifier.hasCoreFolder()) {
            LOG.warn(
                    "No {} set: core bundles are told from plugins by origin only (fine for an embedded framework)",
                    Classifier.CORE_DIR);
        }
        return gate;
    }

    public PolicyService service() {
        return service;
    }

    @Override
    public void close() {
        context.removeBundleListener(installs);
        background.shutdownNow();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (context.getBundle(0).getState() != Bundle.STOPPING) {
            manager.stopAll(); // without its gate, no plugin may run
        }
    }

    private void adopt(Bundle bundle, String installer) {
        try {
            manager.adoptForeign(bundle, installer);
        } catch (SQLException | RuntimeException e) {
            LOG.error(
                    "Bundle {} installed by '{}' could not be recorded; it stays unresolved",
                    bundle.getBundleId(),
                    installer,
                    e);
        }
    }

    private static Set<String> coreNames(BundleContext context, Classifier classifier) {
        return Arrays.stream(context.getBundles())
                .filter(classifier::isCore)
                .map(Bundle::getSymbolicName)
                .filter(name -> name != null)
                .collect(Collectors.toSet());
    }
}
