package io.portcullis.policy.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.hosts.HostStatus;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.policy.internal.plugins.Grant;
import io.portcullis.policy.internal.plugins.PluginAdmin;
import io.portcullis.policy.internal.plugins.PluginException;
import io.portcullis.policy.internal.plugins.PluginRecord;
import io.portcullis.policy.internal.plugins.PluginStatus;
import io.portcullis.policy.internal.plugins.WorkspacePlugin;
import io.portcullis.policy.internal.scan.Finding;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The gate as the routes see it, in memory, with the contract's refusals. Every call is logged in
 * {@link #calls}, so tests can tell that a refused request never reached the gate.
 */
final class FakePluginAdmin implements PluginAdmin {

    static final Instant INSTALLED = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant CHANGED = Instant.parse("2030-01-02T00:00:00Z");
    static final String UPLOADED_ID = "com.example.uploaded";

    final Map<String, PluginRecord> plugins = new TreeMap<>();
    final Map<String, Map<String, WorkspacePlugin>> enabled = new HashMap<>();
    final Map<String, WorkspacePolicy> policies = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    /** The plugins' hosts, by plugin id (not logged in {@link #calls}: every view reads them). */
    final Map<String, HostStatus> hosts = new HashMap<>();

    byte @Nullable [] lastUpload;

    @Nullable Actor lastActor;

    private @Nullable PluginException failNext;

    /** Installs a plugin with {@code status}, from the deploy folder at a path no view may show. */
    PluginRecord install(String id, PluginStatus status, Set<String> requested, List<Finding> findings) {
        PluginRecord record = new PluginRecord(
                id,
                "1.2.0",
                "tool",
                "ab".repeat(32),
                "file:/srv/secret-path/deploy/" + id + ".jar",
                "deploy",
                status,
                requested,
                null,
                findings,
                status == PluginStatus.REJECTED ? List.of("undeclared capability") : List.of(),
                INSTALLED,
                INSTALLED);
        plugins.put(id, record);
        return record;
    }

    /** The next change refuses with {@code reason} and {@code message}. */
    void failNext(PluginException.Reason reason, String message) {
        failNext = new PluginException(reason, message);
    }

    @Override
    public List<PluginRecord> list() {
        calls.add("list");
        return List.copyOf(plugins.values());
    }

    @Override
    public Optional<PluginRecord> find(String id) {
        calls.add("find " + id);
        return Optional.ofNullable(plugins.get(id));
    }

    @Override
    public Optional<HostStatus> host(String id) {
        return Optional.ofNullable(hosts.get(id));
    }

    @Override
    public PluginRecord upload(byte[] jar, Actor actor) throws PluginException {
        change("upload", actor);
        lastUpload = jar.clone();
        PluginRecord record = new PluginRecord(
                UPLOADED_ID,
                "0.1.0",
                "tool",
                sha256(jar),
                "file:/srv/secret-path/up.jar",
                "upload",
                PluginStatus.PENDING,
                Set.of("vault.use", "net.egress"),
                null,
                List.of(),
                List.of(),
                INSTALLED,
                INSTALLED);
        plugins.put(record.id(), record);
        return record;
    }

    @Override
    public PluginRecord grant(String id, Set<String> scopes, Actor actor) throws PluginException {
        change("grant " + id + " " + new java.util.TreeSet<>(scopes), actor);
        PluginRecord record = existing(id);
        if (record.status() == PluginStatus.REJECTED) {
            throw new PluginException(PluginException.Reason.CONFLICT, "Plugin '" + id + "' is rejected.");
        }
        if (!scopes.equals(record.requestedScopes())) {
            throw new PluginException(
                    PluginException.Reason.INVALID, "The grant must list exactly the requested scopes.");
        }
        Grant grant = new Grant(id, record.version(), record.sha256(), scopes, actor.id(), CHANGED);
        return put(record.withStatus(PluginStatus.ACTIVE, List.of(), grant, CHANGED));
    }

    @Override
    public PluginRecord revoke(String id, Actor actor) throws PluginException {
        change("revoke " + id, actor);
        return put(existing(id).withStatus(PluginStatus.REVOKED, List.of(), null, CHANGED));
    }

    @Override
    public void uninstall(String id, Actor actor) throws PluginException {
        change("uninstall " + id, actor);
        existing(id);
        plugins.remove(id);
    }

    @Override
    public List<WorkspacePlugin> workspacePlugins(String workspaceId) {
        calls.add("workspacePlugins " + workspaceId);
        Map<String, WorkspacePlugin> mine = enabled.getOrDefault(workspaceId, Map.of());
        return plugins.values().stream()
                .filter(p -> p.status() == PluginStatus.ACTIVE)
                .map(p -> mine.containsKey(p.id()) ? mine.get(p.id()) : new WorkspacePlugin(p, false, null, null))
                .toList();
    }

    @Override
    public WorkspacePlugin enable(String workspaceId, String id, Actor actor) throws PluginException {
        change("enable " + workspaceId + " " + id, actor);
        PluginRecord record = existing(id);
        if (record.status() != PluginStatus.ACTIVE) {
            throw new PluginException(PluginException.Reason.CONFLICT, "Plugin '" + id + "' is not active.");
        }
        WorkspacePlugin on = new WorkspacePlugin(record, true, actor.id(), CHANGED);
        enabled.computeIfAbsent(workspaceId, ws -> new HashMap<>()).put(id, on);
        return on;
    }

    @Override
    public void disable(String workspaceId, String id, Actor actor) throws PluginException {
        change("disable " + workspaceId + " " + id, actor);
        if (enabled.getOrDefault(workspaceId, new HashMap<>()).remove(id) == null) {
            throw new PluginException(PluginException.Reason.NOT_FOUND, "Plugin '" + id + "' is not enabled.");
        }
    }

    @Override
    public WorkspacePolicy policy(String workspaceId) {
        return policies.getOrDefault(workspaceId, WorkspacePolicy.DEFAULT);
    }

    @Override
    public void setPolicy(String workspaceId, WorkspacePolicy policy, Actor actor) throws PluginException {
        change("setPolicy " + workspaceId + " " + policy.readOnly(), actor);
        policies.put(workspaceId, policy);
    }

    /** Like the gate: an update that throws changes nothing and is not counted as a change. */
    @Override
    public WorkspacePolicy updatePolicy(String workspaceId, PolicyUpdate update, Actor actor) throws PluginException {
        WorkspacePolicy next = update.apply(policy(workspaceId));
        setPolicy(workspaceId, next, actor);
        return next;
    }

    private void change(String call, Actor actor) throws PluginException {
        calls.add(call);
        lastActor = actor;
        PluginException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
    }

    private PluginRecord existing(String id) throws PluginException {
        PluginRecord record = plugins.get(id);
        if (record == null) {
            throw new PluginException(PluginException.Reason.NOT_FOUND, "No plugin '" + id + "' is installed.");
        }
        return record;
    }

    private PluginRecord put(PluginRecord record) {
        plugins.put(record.id(), record);
        return record;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
