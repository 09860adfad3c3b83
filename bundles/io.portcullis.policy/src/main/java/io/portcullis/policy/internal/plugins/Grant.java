package io.portcullis.policy.internal.plugins;

import java.time.Instant;
import java.util.Set;

/**
 * An administrator's grant of exactly {@code scopes} to one jar: symbolic name, version and SHA-256.
 * Another jar under the same name needs its own grant.
 *
 * @param grantedBy the audit actor id of the administrator
 */
public record Grant(
        String pluginId, String version, String sha256, Set<String> scopes, String grantedBy, Instant grantedAt) {

    public Grant {
        scopes = Set.copyOf(scopes);
    }

    /** True if this grant is for exactly the jar {@code record} describes and covers all it requests. */
    public boolean covers(PluginRecord record) {
        return pluginId.equals(record.id())
                && version.equals(record.version())
                && sha256.equals(record.sha256())
                && scopes.containsAll(record.requestedScopes());
    }
}
