package io.portcullis.policy.internal.plugins;

import io.portcullis.audit.Actor;
import io.portcullis.hosts.HostStatus;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.policy.internal.store.Enablement;
import io.portcullis.policy.internal.store.Snapshots;
import io.portcullis.policy.internal.store.WorkspaceSettings;
import io.portcullis.spi.Risk;
import io.portcullis.store.Jdbc;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy as other parts see it: the administration the API drives ({@link PluginAdmin}) and the
 * per-call decisions ({@link PluginPolicy}), answered from a {@link PolicySnapshot} rebuilt after
 * every change. A snapshot that cannot be rebuilt is replaced by the empty one, which allows nothing,
 * and rebuilt again on the next {@link #refreshIfStale()}.
 */
public final class PolicyService implements PluginAdmin, PluginPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyService.class);

    private final PluginManager manager;
    private final WorkspaceSettings settings;
    private final Snapshots snapshots;
    private final Function<String, @Nullable Bundle> bundleAt;
    private final PluginAudit audit;
    private final Clock clock;
    private volatile PolicySnapshot snapshot = PolicySnapshot.EMPTY;
    /** The declared scopes of every installed plugin that is not rejected, rebuilt with the snapshot. */
    private volatile Map<String, Set<String>> declared = Map.of();

    private volatile boolean stale = true;

    PolicyService(
            PluginManager manager,
            WorkspaceSettings settings,
            Snapshots snapshots,
            Function<String, @Nullable Bundle> bundleAt,
            PluginAudit audit,
            Clock clock) {
        this.manager = manager;
        this.settings = settings;
        this.snapshots = snapshots;
        this.bundleAt = bundleAt;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Decision decide(String pluginId, String workspaceId, Risk risk) {
        return snapshot.decide(pluginId, workspaceId, risk);
    }

    @Override
    public boolean holds(String pluginId, String scope) {
        return snapshot.holds(pluginId, scope);
    }

    @Override
    public boolean declares(String pluginId, String scope) {
        Set<String> scopes = declared.get(pluginId);
        return scopes != null && scopes.contains(scope);
    }

    @Override
    public boolean active(String pluginId) {
        return snapshot.isActive(pluginId);
    }

    @Override
    public Optional<String> activePlugin(Bundle bundle) {
        return Optional.ofNullable(snapshot.pluginOf(bundle.getBundleId()));
    }

    @Override
    public List<PluginRecord> list() {
        return unchecked(manager::list);
    }

    @Override
    public Optional<PluginRecord> find(String id) {
        return unchecked(() -> manager.find(id));
    }

    @Override
    public Optional<HostStatus> host(String id) {
        try {
            return manager.hostStatus(id);
        } catch (RuntimeException e) {
            LOG.warn("The host status of plugin '{}' could not be read: {}", id, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public PluginRecord upload(byte[] jar, Actor actor) throws PluginException {
        JarInfo info = JarInfo.read(jar);
        String location = PluginManager.UPLOAD_PREFIX + info.symbolicName();
        return checked(() -> manager.install(info, jar, location, "upload", actor));
    }

    @Override
    public PluginRecord grant(String id, Set<String> scopes, Actor actor) throws PluginException {
        return checked(() -> manager.grant(id, scopes, actor));
    }

    @Override
    public PluginRecord revoke(String id, Actor actor) throws PluginException {
        return checked(() -> manager.revoke(id, actor));
    }

    @Override
    public void uninstall(String id, Actor actor) throws PluginException {
        checked(() -> {
            manager.uninstall(id, actor);
            return null;
        });
    }

    @Override
    public List<WorkspacePlugin> workspacePlugins(String workspaceId) {
        return unchecked(() -> {
            Map<String, Enablement> enabled =
                    settings.enablements(workspaceId).stream().collect(Collectors.toMap(Enablement::pluginId, e -> e));
            List<WorkspacePlugin> result = new ArrayList<>();
            for (PluginRecord plugin : manager.list()) {
                if (plugin.status() == PluginStatus.ACTIVE) {
                    @Nullable Enablement e = enabled.get(plugin.id());
                    result.add(new WorkspacePlugin(
                            plugin, e != null, e == null ? null : e.enabledBy(), e == null ? null : e.enabledAt()));
                }
            }
            return result;
        });
    }

    @Override
    public WorkspacePlugin enable(String workspaceId, String id, Actor actor) throws PluginException {
        return recorded(workspaceId, actor, "plugin.enable", id, () -> {
            PluginRecord plugin = manager.find(id).orElseThrow(() -> notFound(id));
            if (plugin.status() != PluginStatus.ACTIVE) {
                throw new PluginException(
                        PluginException.Reason.CONFLICT,
                        "Plugin '" + id + "' is " + plugin.status().id() + "; only an active plugin can be enabled.");
            }
            audit.attempt(workspaceId, actor, "plugin.enable", id, Map.of("sha256", plugin.sha256()), null);
            Enablement enablement = new Enablement(workspaceId, id, actor.id(), Jdbc.now(clock));
            settings.enable(enablement);
            rebuild();
            Enablement stored = settings.enablements(workspaceId).stream()
                    .filter(e -> e.pluginId().equals(id))
                    .findFirst()
                    .orElse(enablement);
            return new WorkspacePlugin(plugin, true, stored.enabledBy(), stored.enabledAt());
        });
    }

    @Override
    public void disable(String workspaceId, String id, Actor actor) throws PluginException {
        recorded(workspaceId, actor, "plugin.disable", id, () -> {
            boolean enabled = settings.enablements(workspaceId).stream()
                    .anyMatch(e -> e.pluginId().equals(id));
            if (!enabled) {
                throw notFound(id);
            }
            audit.attempt(workspaceId, actor, "plugin.disable", id, Map.of(), null);
            settings.disable(workspaceId, id);
            rebuild();
            return null;
        });
    }

    @Override
    public WorkspacePolicy workspacePolicy(String workspaceId) {
        return snapshot.policy(workspaceId);
    }

    @Override
    public WorkspacePolicy policy(String workspaceId) {
        return unchecked(() -> settings.policy(workspaceId));
    }

    @Override
    public void setPolicy(String workspaceId, WorkspacePolicy policy, Actor actor) throws PluginException {
        updatePolicy(workspaceId, current -> policy, actor);
    }

    @Override
    public WorkspacePolicy updatePolicy(String workspaceId, PolicyUpdate update, Actor actor) throws PluginException {
        WorkspacePolicy stored;
        try {
            stored = checked(() -> settings.updatePolicy(
                    workspaceId,
                    current -> {
                        WorkspacePolicy next = update.apply(current);
                        try {
                            audit.attempt(
                                    workspaceId,
                                    actor,
                                    "policy.update",
                                    workspaceId,
                                    Map.of("policy", next.toString()),
                                    PolicyChanges.describe(current, next));
                        } catch (PluginException e) {
                            throw new Refused(e); // out of the transaction, which rolls back
                        }
                        return next;
                    },
                    Jdbc.now(clock)));
        } catch (Refused e) {
            throw e.refusal;
        }
        rebuild();
        return stored;
    }

    /** Carries a refusal out of a store transaction, whose work may throw only SQL and unchecked exceptions. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient PluginException refusal;

        Refused(PluginException refusal) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }
    }

    /** Rebuilds the snapshot at the next tick: after a transaction this thread cannot see commit. */
    public void rebuildLater() {
        stale = true;
    }

    /** Rebuilds the snapshot if the last attempt failed or one was asked for. */
    public void refreshIfStale() {
        if (stale) {
            rebuild();
        }
    }

    /** Reads plugins, grants, enablements and read-only flags again into a new snapshot. */
    public void rebuild() {
        try {
            Snapshots.WorkspaceRows rows = snapshots.load();
            Map<String, Set<String>> enabledIn = new HashMap<>();
            rows.enablements()
                    .forEach(e -> enabledIn
                            .computeIfAbsent(e.pluginId(), k -> new HashSet<>())
                            .add(e.workspaceId()));
            List<PolicySnapshot.ActivePlugin> active = new ArrayList<>();
            Map<String, Set<String>> installed = new HashMap<>();
            for (PluginRecord plugin : manager.list()) {
                @Nullable Bundle bundle = bundleAt.apply(plugin.location());
                if (bundle != null && plugin.status() != PluginStatus.REJECTED) {
                    installed.put(plugin.id(), Set.copyOf(plugin.requestedScopes()));
                }
                Grant grant = plugin.grant();
                if (plugin.status() == PluginStatus.ACTIVE && grant != null && grant.covers(plugin) && bundle != null) {
                    active.add(new PolicySnapshot.ActivePlugin(
                            plugin.id(),
                            bundle.getBundleId(),
                            grant.scopes(),
                            enabledIn.getOrDefault(plugin.id(), Set.of())));
                }
            }
            snapshot = new PolicySnapshot(active, rows.policies());
            declared = Map.copyOf(installed);
            stale = false;
        } catch (SQLException | RuntimeException e) {
            LOG.error("Could not rebuild the policy snapshot; allowing no plugin call until it is rebuilt", e);
            snapshot = PolicySnapshot.EMPTY;
            declared = Map.of();
            stale = true;
        }
    }

    private static PluginException notFound(String id) {
        return new PluginException(PluginException.Reason.NOT_FOUND, "No plugin '" + id + "' here.");
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws PluginException, SQLException;
    }

    /** As {@link #checked}, recording a refusal or failure on the workspace's chain under {@code action}. */
    private <T> T recorded(String workspaceId, Actor actor, String action, String pluginId, Work<T> work)
            throws PluginException {
        try {
            return checked(work);
        } catch (PluginException e) {
            if (e.reason() != PluginException.Reason.UNAVAILABLE) {
                audit.refused(workspaceId, actor, action, pluginId, e);
            }
            throw e;
        } catch (RuntimeException e) {
            audit.refused(workspaceId, actor, action, pluginId, e);
            throw e;
        }
    }

    private static <T> T checked(Work<T> work) throws PluginException {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("database failure in the policy: " + e.getMessage(), e);
        }
    }

    private static <T> T unchecked(Work<T> work) {
        try {
            return work.run();
        } catch (PluginException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("database failure in the policy: " + e.getMessage(), e);
        }
    }
}
