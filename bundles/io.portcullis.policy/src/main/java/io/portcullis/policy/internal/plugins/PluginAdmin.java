package io.portcullis.policy.internal.plugins;

import io.portcullis.audit.Actor;
import io.portcullis.hosts.HostStatus;
import io.portcullis.policy.WorkspacePolicy;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What administrators do with plugins; the API routes call it, the gate implements it. Every change
 * is put on the audit record before it acts (an unavailable audit log refuses the change), and
 * every method is thread-safe.
 */
public interface PluginAdmin {

    /** Every installed plugin, by id. */
    List<PluginRecord> list();

    Optional<PluginRecord> find(String id);

    /** The plugin's host, if one was started since the server's start (never under in-process isolation). */
    Optional<HostStatus> host(String id);

    /**
     * Installs an uploaded jar: hashed, scanned and installed from these exact bytes, then shown as
     * {@code pending} or {@code rejected}. A jar whose symbolic name is an installed plugin's updates it.
     */
    PluginRecord upload(byte[] jar, Actor actor) throws PluginException;

    /**
     * Grants {@code scopes}, which must equal the plugin's requested scopes exactly, to its current
     * jar; then starts it: in its own host from the stored jar, or (in-process isolation) resolved and
     * started in the core. The answer is {@code active}, or {@code failed} with reasons. {@code CONFLICT},
     * with nothing stored, when its host offers a tool whose name another running plugin holds.
     */
    PluginRecord grant(String id, Set<String> scopes, Actor actor) throws PluginException;

    /** Withdraws the grant: stops the plugin and refreshes it back to unresolved ({@code revoked}). */
    PluginRecord revoke(String id, Actor actor) throws PluginException;

    /** Uninstalls the plugin (and deletes its jar if it came from the deploy folder or an upload). */
    void uninstall(String id, Actor actor) throws PluginException;

    /** Active plugins with whether {@code workspaceId} enabled each. */
    List<WorkspacePlugin> workspacePlugins(String workspaceId);

    /** Enables active plugin {@code id} for the workspace; {@code CONFLICT} if it is not active. */
    WorkspacePlugin enable(String workspaceId, String id, Actor actor) throws PluginException;

    /** Disables it; {@code NOT_FOUND} if it was not enabled. */
    void disable(String workspaceId, String id, Actor actor) throws PluginException;

    /** The workspace's policy: read-only mode, four eyes, limits, auto-approvals, egress lists. */
    WorkspacePolicy policy(String workspaceId);

    /** Replaces the workspace's policy; audited on the workspace's chain, with what changed readable. */
    void setPolicy(String workspaceId, WorkspacePolicy policy, Actor actor) throws PluginException;

    /**
     * Changes the workspace's policy from the one in force: {@code update} gets it and answers the new one,
     * under a lock on the workspace's policy, so concurrent updates run one after the other and none is lost.
     * An {@code update} that throws (an unchecked exception, such as a 400 problem) changes nothing. Audited
     * like {@link #setPolicy}.
     *
     * @return the policy now in force
     */
    WorkspacePolicy updatePolicy(String workspaceId, PolicyUpdate update, Actor actor) throws PluginException;

    /** A change of a workspace's policy: the new policy from the current one. */
    @FunctionalInterface
    interface PolicyUpdate {
        WorkspacePolicy apply(WorkspacePolicy current);
    }
}
