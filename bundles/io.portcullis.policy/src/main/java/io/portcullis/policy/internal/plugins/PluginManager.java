package io.portcullis.policy.internal.plugins;

import io.portcullis.audit.Actor;
import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import io.portcullis.hosts.PluginHosts;
import io.portcullis.policy.internal.gate.Classifier;
import io.portcullis.policy.internal.gate.Grants;
import io.portcullis.policy.internal.scan.BytecodeScanner;
import io.portcullis.policy.internal.scan.ScanException;
import io.portcullis.policy.internal.scan.ScanReport;
import io.portcullis.policy.internal.store.PluginStore;
import io.portcullis.store.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin lifecycle: install from scanned bytes, grant, revoke, uninstall, and bring plugins back at
 * start. One lock orders every transition; the hooks never take it (they read {@link Grants}).
 * Every transition is audited before it acts ({@link PluginAudit}), and one refused or failed is
 * audited as such.
 *
 * <p>Unless the isolation is {@link Isolation#IN_PROCESS}, a granted plugin runs in its own host
 * ({@link PluginHosts}) from the jar the gate scanned and stored ({@link JarStore}); its bundle stays
 * installed in the core but gets no entry in {@link Grants}, so the resolve gate keeps it unresolved and
 * no class of it is ever defined here.
 */
public final class PluginManager implements DeployWatcher.Plugins {

    static final String UPLOAD_PREFIX = "portcullis:upload:";
    private static final Logger LOG = LoggerFactory.getLogger(PluginManager.class);

    private final PluginStore store;
    private final PluginBundles bundles;
    private final Classifier classifier;
    private final Grants grants;
    private final Inspection inspection;
    private final BytecodeScanner scanner;
    private final PluginAudit audit;
    private final Runnable changed;
    private final Clock clock;
    private final PluginHosts hosts;
    private final JarStore jars;
    private final Duration hostStartWait;
    private final Executor background;

    /** The hosts started at the server's start and not waited for, by plugin id, until stopped or started again. */
    private final Map<String, CompletableFuture<HostStatus>> unwaited = new ConcurrentHashMap<>();

    /**
     * @param hostStartWait how long a grant waits for a plugin's host to become ready, beyond the hosts'
     *     own start timeout (which fails the start first)
     * @param background runs what happens when a host started without waiting fails later
     */
    PluginManager(
            PluginStore store,
            PluginBundles bundles,
            Classifier classifier,
            Grants grants,
            Inspection inspection,
            BytecodeScanner scanner,
            PluginAudit audit,
            Runnable changed,
            Clock clock,
            PluginHosts hosts,
            JarStore jars,
            Duration hostStartWait,
            Executor background) {
        this.store = store;
        this.bundles = bundles;
        this.classifier = classifier;
        this.grants = grants;
        this.inspection = inspection;
        this.scanner = scanner;
        this.audit = audit;
        this.changed = changed;
        this.clock = clock;
        this.hosts = hosts;
        this.jars = jars;
        this.hostStartWait = hostStartWait;
        this.background = background;
    }

    /** True if granted plugins run in hosts rather than in the core's framework. */
    boolean hosted() {
        return hosts.isolation() != Isolation.IN_PROCESS;
    }

    /** The host of plugin {@code id}, if one was started since the server's start. */
    public Optional<HostStatus> hostStatus(String id) {
        return hosts.status(id);
    }

    public Isolation isolation() {
        return hosts.isolation();
    }

    /** Marks every known plugin location, then starts the plugins whose grant still covers their jar. */
    public synchronized void start() throws SQLException {
        List<PluginRecord> plugins = store.list();
        plugins.forEach(p -> classifier.markPlugin(p.location()));
        jars.retain(named(plugins)); // a jar stored by an install that then failed to save
        boolean hosted = hosted();
        for (PluginRecord plugin : plugins) {
            @Nullable Bundle bundle = bundles.find(plugin.location());
            if (bundle == null) {
                continue; // the deploy watcher installs it again from its file; an upload is shown as it was
            }
            Grant grant = plugin.grant();
            if (plugin.status() == PluginStatus.ACTIVE && grant != null && grant.covers(plugin)) {
                if (hosted) {
                    startWithoutWaiting(plugin, grant);
                } else {
                    activate(plugin, bundle, Actor.system("policy"));
                }
            }
        }
        changed.run();
    }

    /**
     * Starts the host of a plugin granted before, at the server's start: without waiting, so one slow
     * plugin does not hold up the others or the server. A start that fails later marks it failed.
     */
    private void startWithoutWaiting(PluginRecord plugin, Grant grant) throws SQLException {
        Path jar;
        try {
            jar = storedJar(plugin);
        } catch (JarStore.Unusable e) {
            failHosted(plugin, grant, e.getMessage(), Actor.system("policy"));
            return;
        }
        CompletableFuture<HostStatus> started;
        try {
            started = hosts.start(hostedPlugin(plugin, jar, grant.scopes()));
        } catch (RuntimeException e) {
            failHosted(
                    plugin, grant, "Its host did not start: " + e.getClass().getSimpleName(), Actor.system("policy"));
            return;
        }
        unwaited.put(plugin.id(), started);
        started.whenCompleteAsync(
                (status, failure) -> {
                    if (failure != null) {
                        failedLater(
                                plugin.id(),
                                started,
                                plugin.sha256(),
                                hostFailure(failure).getMessage());
                    } else {
                        unwaited.remove(plugin.id(), started);
                    }
                },
                this::inBackground);
    }

    /** Runs {@code task} on the background thread; once that is shut down (the gate closing), not at all. */
    private void inBackground(Runnable task) {
        try {
            background.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Gate closing: a host's outcome is not recorded");
        }
    }

    /**
     * A host started without waiting failed: the plugin is failed, if that start is still its latest (no
     * stop, revoke, update or new grant since) and the record still the one that was started.
     */
    private synchronized void failedLater(String id, CompletableFuture<HostStatus> started, String sha256, String why) {
        if (!unwaited.remove(id, started)) {
            return;
        }
        try {
            Optional<PluginRecord> current = store.find(id);
            if (current.isEmpty()
                    || current.get().status() != PluginStatus.ACTIVE
                    || !current.get().sha256().equals(sha256)
                    || current.get().grant() == null) {
                return; // revoked, uninstalled, updated or started again meanwhile
            }
            PluginRecord plugin = current.get();
            failHosted(plugin, plugin.grant(), "It did not start: " + why, Actor.system("policy"));
            changed.run();
        } catch (SQLException | RuntimeException e) {
            LOG.error("Plugin '{}' did not start ({}), and that could not be recorded", id, why, e);
        }
    }

    private PluginRecord failHosted(PluginRecord plugin, @Nullable Grant grant, String why, Actor actor)
            throws SQLException {
        stopHost(plugin.id());
        LOG.warn("Plugin '{}' was granted but its host did not start: {}", plugin.id(), why);
        PluginRecord saved = save(plugin.withStatus(PluginStatus.FAILED, List.of(why), grant, now()));
        audit.outcome(actor, saved);
        return saved;
    }

    /** Stops every active plugin: without the gate running, none may. */
    public synchronized void stopAll() {
        for (long id : grants.bundleIds()) {
            grants.remove(id);
        }
        try {
            for (PluginRecord plugin : store.list()) {
                stopHost(plugin.id());
                @Nullable Bundle bundle = bundles.find(plugin.location());
                if (bundle != null && bundle.getState() == Bundle.ACTIVE) {
                    bundles.stopAndUnresolve(bundle);
                }
            }
        } catch (SQLException e) {
            LOG.error("Could not list plugins to stop them", e);
        }
    }

    @Override
    public List<PluginRecord> list() throws SQLException {
        return store.list();
    }

    public Optional<PluginRecord> find(String id) throws SQLException {
        return store.find(id);
    }

    /** True if the framework still holds the plugin's bundle. */
    @Override
    public boolean installed(PluginRecord plugin) {
        return bundles.find(plugin.location()) != null;
    }

    @Override
    public Optional<PluginRecord> findByLocation(String location) throws SQLException {
        return store.findByLocation(location);
    }

    /**
     * Installs or updates the plugin at {@code location} from {@code jar}, which {@code info} was read
     * from (once, by the caller, who needs its name or hash first): audited, scanned, installed
     * from these very bytes, judged, and started at once only if an unrevoked grant covers this jar.
     */
    @Override
    public synchronized PluginRecord install(JarInfo info, byte[] jar, String location, String source, Actor actor)
            throws PluginException, SQLException {
        boolean update = store.find(info.symbolicName()).isPresent();
        return recorded(
                actor,
                update ? "plugin.update" : "plugin.install",
                info.symbolicName(),
                () -> installChecked(info, jar, location, source, actor));
    }

    private PluginRecord installChecked(JarInfo info, byte[] jar, String location, String source, Actor actor)
            throws PluginException, SQLException {
        Optional<PluginRecord> atLocation = store.findByLocation(location);
        if (atLocation.isPresent() && !atLocation.get().id().equals(info.symbolicName())) {
            throw new PluginException(
                    PluginException.Reason.CONFLICT,
                    "The jar now holds plugin '" + info.symbolicName() + "' instead of '"
                            + atLocation.get().id() + "'; uninstall that one first.");
        }
        Optional<PluginRecord> existing = store.find(info.symbolicName());
        if (existing.isPresent() && !existing.get().location().equals(location)) {
            throw new PluginException(
                    PluginException.Reason.CONFLICT,
                    "Plugin '" + info.symbolicName() + "' is already installed from " + describe(existing.get())
                            + "; replace it there.");
        }
        audit.attempt(
                null,
                actor,
                existing.isPresent() ? "plugin.update" : "plugin.install",
                info.symbolicName(),
                Map.of("sha256", info.sha256(), "source", source),
                "sha256 " + info.sha256());
        ScanReport report = scan(jar);
        storeJar(info, jar);
        if (existing.isPresent()) {
            stopHost(info.symbolicName()); // its host runs the jar being replaced
        }
        Bundle bundle;
        PluginRecord saved;
        try {
            bundle = installBytes(location, jar, existing.isPresent());
            try {
                PluginRecord judged = inspection.inspect(bundle, info.sha256(), source, report, now());
                if (!judged.id().equals(info.symbolicName())) {
                    throw new PluginException(
                            PluginException.Reason.INVALID, "The manifest's symbolic name is unusable.");
                }
                saved = save(judged);
            } catch (PluginException | SQLException | RuntimeException e) {
                if (existing.isEmpty()) { // a bundle without a record would be an orphan no admin can see or remove
                    bundles.uninstallOrWarn(bundle);
                }
                throw e;
            }
        } finally {
            retainNamedJars(); // the replaced jar, or this one if the install failed
        }
        audit.outcome(actor, saved);
        if (saved.status() == PluginStatus.PENDING
                && saved.grant() != null
                && saved.grant().covers(saved)) {
            saved = activate(saved, bundle, actor); // this exact jar was granted before
        }
        changed.run();
        return saved;
    }

    public synchronized PluginRecord grant(String id, Set<String> scopes, Actor actor)
            throws PluginException, SQLException {
        return recorded(actor, "plugin.grant", id, () -> grantChecked(id, scopes, actor));
    }

    private PluginRecord grantChecked(String id, Set<String> scopes, Actor actor) throws PluginException, SQLException {
        PluginRecord plugin = require(id);
        if (plugin.status() == PluginStatus.REJECTED) {
            throw conflict("Plugin '" + id + "' is rejected: " + String.join(" ", plugin.reasons()));
        }
        if (plugin.status() == PluginStatus.ACTIVE) {
            throw conflict("Plugin '" + id + "' is already active.");
        }
        if (!scopes.equals(plugin.requestedScopes())) {
            throw new PluginException(
                    PluginException.Reason.INVALID,
                    "Grant exactly the requested scopes " + new TreeSet<>(plugin.requestedScopes()) + ", not "
                            + new TreeSet<>(scopes) + ".");
        }
        Bundle bundle = requireBundle(plugin);
        audit.attempt(
                null,
                actor,
                "plugin.grant",
                id,
                Map.of("sha256", plugin.sha256(), "scopes", String.join(" ", new TreeSet<>(scopes))),
                "scopes [" + String.join(", ", new TreeSet<>(scopes)) + "]");
        if (hosted()) {
            return grantHosted(plugin, scopes, actor);
        }
        Grant grant = store.grant(new Grant(id, plugin.version(), plugin.sha256(), scopes, actor.id(), now()));
        PluginRecord active = activate(plugin.withStatus(plugin.status(), List.of(), grant, now()), bundle, actor);
        changed.run();
        return active;
    }

    /**
     * Starts the plugin's host and waits for it before the grant is stored: a tool name another plugin
     * holds refuses the grant (nothing stored, status unchanged); any other failure stores the grant
     * and shows the plugin failed with the host's reason, as a bundle that did not start.
     */
    private PluginRecord grantHosted(PluginRecord plugin, Set<String> scopes, Actor actor)
            throws PluginException, SQLException {
        @Nullable HostException failure = startAndWait(plugin, scopes);
        if (failure != null && failure.reason() == HostException.Reason.CONFLICT) {
            throw conflict(failure.getMessage());
        }
        Grant grant = store.grant(new Grant(plugin.id(), plugin.version(), plugin.sha256(), scopes, actor.id(), now()));
        PluginRecord outcome = hostedOutcome(plugin, grant, failure, actor);
        changed.run();
        return outcome;
    }

    /** Records a host start: the plugin active, or failed with the host's reason. */
    private PluginRecord hostedOutcome(PluginRecord plugin, Grant grant, @Nullable HostException failure, Actor actor)
            throws SQLException {
        if (failure != null) {
            return failHosted(plugin, grant, "It did not start: " + failure.getMessage(), actor);
        }
        PluginRecord saved = save(plugin.withStatus(PluginStatus.ACTIVE, List.of(), grant, now()));
        audit.outcome(actor, saved);
        return saved;
    }

    public synchronized PluginRecord revoke(String id, Actor actor) throws PluginException, SQLException {
        return recorded(actor, "plugin.revoke", id, () -> revokeChecked(id, actor));
    }

    private PluginRecord revokeChecked(String id, Actor actor) throws PluginException, SQLException {
        PluginRecord plugin = require(id);
        if (plugin.grant() == null) {
            throw conflict("Plugin '" + id + "' holds no grant.");
        }
        audit.attempt(
                null,
                actor,
                "plugin.revoke",
                id,
                Map.of("sha256", plugin.sha256()),
                "also disables it in every workspace that enabled it");
        PluginStore.Revocation revocation = store.revoke(id, actor.id(), now());
        stopHost(id);
        @Nullable Bundle bundle = bundles.find(plugin.location());
        if (bundle != null) {
            grants.remove(bundle.getBundleId());
            bundles.stopAndUnresolve(bundle);
        }
        for (String workspaceId : revocation.disabledIn()) {
            audit.disabledByRevocation(workspaceId, actor, id);
        }
        PluginRecord revoked = save(plugin.withStatus(
                PluginStatus.REVOKED,
                List.of("Its grant was revoked; it was "
                        + "disabled in " + revocation.disabledIn().size()
                        + " workspace(s), whose admins enable it again "
                        + "after a new grant."),
                null,
                now()));
        audit.outcome(actor, revoked);
        changed.run();
        return revoked;
    }

    @Override
    public synchronized void uninstall(String id, Actor actor) throws PluginException, SQLException {
        recorded(actor, "plugin.uninstall", id, () -> {
            uninstallChecked(id, actor);
            return null;
        });
    }

    private void uninstallChecked(String id, Actor actor) throws PluginException, SQLException {
        PluginRecord plugin = require(id);
        audit.attempt(null, actor, "plugin.uninstall", id, Map.of("sha256", plugin.sha256()), null);
        @Nullable Bundle bundle = bundles.find(plugin.location());
        store.delete(id, actor.id(), now());
        stopHost(id);
        if (bundle != null) {
            grants.remove(bundle.getBundleId());
            bundles.uninstallOrWarn(bundle);
        }
        if (plugin.source().equals("deploy")) {
            deleteFile(plugin.location());
        }
        retainNamedJars();
        changed.run();
    }

    /** The deploy folder's copy goes too, or the deploy watcher would install it again. */
    private static void deleteFile(String location) {
        @Nullable Path file = Classifier.filePath(location);
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the uninstalled plugin's jar {}: {}", file, e.getMessage());
        }
    }

    /**
     * A bundle installed by another bundle rather than through the gate: it stays a plugin for good,
     * and is shown rejected, since nobody scanned the jar it came from.
     */
    public synchronized void adoptForeign(Bundle bundle, String installer) throws SQLException {
        String id = bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName();
        if (!PluginIds.valid(id)
                || store.find(id).isPresent()
                || store.findByLocation(bundle.getLocation()).isPresent()) {
            LOG.warn(
                    "Bundle {} installed by '{}' cannot be recorded as a plugin; uninstalling it",
                    bundle.getBundleId(),
                    installer);
            try {
                bundles.uninstall(bundle);
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Could not uninstall bundle {}: it stays unresolved", bundle.getBundleId(), e);
            }
            return;
        }
        Instant now = now();
        PluginRecord foreign = new PluginRecord(
                id,
                bundle.getVersion().toString(),
                "",
                "0".repeat(64),
                bundle.getLocation(),
                "upload",
                PluginStatus.REJECTED,
                Set.of(),
                null,
                List.of(),
                List.of("Installed by bundle '" + installer + "', not through the deploy folder or the API: "
                        + "nobody scanned its jar."),
                now,
                now);
        store.save(foreign);
        audit.outcome(Actor.system("policy"), foreign);
        changed.run();
    }

    @FunctionalInterface
    private interface Transition<T> {
        T run() throws PluginException, SQLException;
    }

    /**
     * Runs a transition; one refused or failed once tried is recorded as such under {@code action}
     * (see {@link PluginAudit#refused}), except one refused for want of a record, then rethrown.
     */
    private <T> T recorded(Actor actor, String action, String pluginId, Transition<T> transition)
            throws PluginException, SQLException {
        try {
            return transition.run();
        } catch (PluginException e) {
            if (e.reason() != PluginException.Reason.UNAVAILABLE) {
                audit.refused(null, actor, action, pluginId, e);
            }
            throw e;
        } catch (SQLException | RuntimeException e) {
            audit.refused(null, actor, action, pluginId, e);
            throw e;
        }
    }

    private PluginRecord activate(PluginRecord plugin, Bundle bundle, Actor actor) throws SQLException {
        Grant grant = plugin.grant();
        if (grant == null) {
            throw new IllegalStateException("activating a plugin without a grant");
        }
        if (hosted()) {
            return hostedOutcome(plugin, grant, startAndWait(plugin, grant.scopes()), actor);
        }
        grants.put(bundle.getBundleId(), grant.scopes());
        PluginRecord outcome;
        try {
            bundles.start(bundle);
            outcome = plugin.withStatus(PluginStatus.ACTIVE, List.of(), grant, now());
        } catch (BundleException | RuntimeException e) {
            grants.remove(bundle.getBundleId());
            bundles.stopAndUnresolve(bundle);
            LOG.warn("Plugin '{}' was granted but did not start: {}", plugin.id(), e.getMessage());
            outcome = plugin.withStatus(
                    PluginStatus.FAILED, List.of("It did not start: " + e.getMessage()), grant, now());
        }
        PluginRecord saved = save(outcome);
        audit.outcome(actor, saved);
        return saved;
    }

    /**
     * Starts the plugin's host from its stored jar and waits for it to be ready.
     *
     * @return null once it is, else why not (the host is stopped then, so nothing retries behind the record)
     */
    private @Nullable HostException startAndWait(PluginRecord plugin, Set<String> scopes) {
        unwaited.remove(plugin.id());
        Path jar;
        try {
            jar = storedJar(plugin);
        } catch (JarStore.Unusable e) {
            return new HostException(
                    e.why() == JarStore.Unusable.Why.TAMPERED
                            ? HostException.Reason.TAMPERED
                            : HostException.Reason.FAILED,
                    e.getMessage());
        }
        HostException failure;
        try {
            hosts.start(hostedPlugin(plugin, jar, scopes)).get(hostStartWait.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException | CancellationException | CompletionException e) {
            failure = hostFailure(e);
        } catch (TimeoutException e) {
            failure = new HostException(
                    HostException.Reason.FAILED, "Its host was not ready within " + hostStartWait.toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new HostException(HostException.Reason.FAILED, "The server was stopping.");
        } catch (RuntimeException e) {
            failure = new HostException(
                    HostException.Reason.FAILED,
                    "Its host did not start: " + e.getClass().getSimpleName());
        }
        stopHost(plugin.id());
        return failure;
    }

    /**
     * The plugin's stored jar, checked. One missing (a plugin installed before jars were stored) is
     * taken from the deploy folder if the file there still has exactly the recorded bytes.
     */
    private Path storedJar(PluginRecord plugin) throws JarStore.Unusable {
        try {
            return jars.checked(plugin.sha256());
        } catch (JarStore.Unusable e) {
            @Nullable Path file = plugin.source().equals("deploy") ? Classifier.filePath(plugin.location()) : null;
            if (e.why() != JarStore.Unusable.Why.MISSING || file == null) {
                throw e;
            }
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (!JarStore.sha256(bytes).equals(plugin.sha256())) {
                    throw e;
                }
                jars.put(plugin.sha256(), bytes);
                LOG.info("Plugin '{}': stored its jar from the deploy folder", plugin.id());
            } catch (IOException | RuntimeException unreadable) {
                throw e;
            }
            return jars.checked(plugin.sha256());
        }
    }

    private static HostedPlugin hostedPlugin(PluginRecord plugin, Path jar, Set<String> scopes) {
        return new HostedPlugin(plugin.id(), plugin.version(), jar, plugin.sha256(), scopes);
    }

    /** The host's own failure if it gave one; another is named by its class only (it may hold anything). */
    private static HostException hostFailure(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HostException host) {
            return host;
        }
        return new HostException(
                HostException.Reason.FAILED,
                "Its host did not start: " + cause.getClass().getSimpleName());
    }

    /** Stops the plugin's host, if one runs; a hosts service that fails to is logged (it kills hosts itself). */
    private void stopHost(String id) {
        unwaited.remove(id);
        try {
            hosts.stop(id);
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the host of plugin '{}': {}", id, e.toString());
        }
    }

    /** Writes the scanned jar to the store, under its hash, before the framework gets it. */
    private void storeJar(JarInfo info, byte[] jar) {
        try {
            jars.put(info.sha256(), jar);
        } catch (IOException e) {
            throw new UncheckedIOException("the plugin store could not take the jar of " + info.symbolicName(), e);
        }
    }

    /** Deletes the stored jars no plugin record names any more. */
    private void retainNamedJars() {
        try {
            jars.retain(named(store.list()));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not clean the plugin store: {}", e.toString());
        }
    }

    private static Set<String> named(List<PluginRecord> plugins) {
        return plugins.stream().map(PluginRecord::sha256).collect(Collectors.toSet());
    }

    private Bundle installBytes(String location, byte[] jar, boolean update) throws PluginException {
        classifier.markPlugin(location);
        try {
            @Nullable Bundle bundle = bundles.find(location);
            if (bundle == null) {
                return bundles.install(location, jar);
            }
            grants.remove(bundle.getBundleId());
            if (bundle.getState() == Bundle.ACTIVE) {
                bundles.stopAndUnresolve(bundle);
            }
            bundles.update(bundle, jar);
            return bundle;
        } catch (BundleException e) {
            throw new PluginException(
                    PluginException.Reason.INVALID, "The framework refused the jar: " + e.getMessage());
        }
    }

    private ScanReport scan(byte[] jar) throws PluginException {
        try {
            return scanner.scan(jar);
        } catch (ScanException e) {
            throw new PluginException(
                    PluginException.Reason.INVALID, "The jar could not be scanned: " + e.getMessage());
        }
    }

    private PluginRecord save(PluginRecord plugin) throws SQLException {
        store.save(plugin);
        return store.find(plugin.id()).orElseThrow();
    }

    private PluginRecord require(String id) throws PluginException, SQLException {
        return store.find(id)
                .orElseThrow(() -> new PluginException(PluginException.Reason.NOT_FOUND, "No plugin '" + id + "'."));
    }

    private Bundle requireBundle(PluginRecord plugin) throws PluginException {
        @Nullable Bundle bundle = bundles.find(plugin.location());
        if (bundle == null) {
            throw conflict("Plugin '" + plugin.id() + "' is no longer installed; deploy or upload it again.");
        }
        return bundle;
    }

    private static String describe(PluginRecord plugin) {
        return plugin.source().equals("deploy") ? "the deploy folder" : "an upload";
    }

    private static PluginException conflict(String message) {
        return new PluginException(PluginException.Reason.CONFLICT, message);
    }

    private Instant now() {
        return Jdbc.now(clock);
    }
}
