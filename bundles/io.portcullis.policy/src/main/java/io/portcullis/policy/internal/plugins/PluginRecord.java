package io.portcullis.policy.internal.plugins;

import io.portcullis.policy.internal.scan.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One installed plugin, as stored and shown by the API.
 *
 * @param id the bundle's symbolic name, unique among plugins (credential bindings use it too)
 * @param version the bundle version
 * @param kind the {@code Portcullis-Plugin} header: {@code tool}, {@code channel}, {@code model-provider};
 *     empty when the header is missing or invalid (the plugin is then rejected)
 * @param sha256 lower-case hex SHA-256 of the exact jar bytes installed
 * @param location the framework location it was installed from
 * @param source {@code deploy} (the deploy folder) or {@code upload} (the API)
 * @param status where it stands
 * @param requestedScopes the scopes its manifest declares, sorted
 * @param grant the grant that covers this exact jar, or {@code null}
 * @param findings what the bytecode scan found, in class order
 * @param reasons why it is rejected or failed; empty otherwise
 * @param installedAt when this jar was installed
 * @param updatedAt when its status last changed
 */
public record PluginRecord(
        String id,
        String version,
        String kind,
        String sha256,
        String location,
        String source,
        PluginStatus status,
        Set<String> requestedScopes,
        @Nullable Grant grant,
        List<Finding> findings,
        List<String> reasons,
        Instant installedAt,
        Instant updatedAt) {

    public PluginRecord {
        requestedScopes = Set.copyOf(requestedScopes);
        findings = List.copyOf(findings);
        reasons = List.copyOf(reasons);
    }

    /** The same plugin with another status and reasons. */
    public PluginRecord withStatus(PluginStatus next, List<String> why, @Nullable Grant currentGrant, Instant at) {
        return new PluginRecord(
                id,
                version,
                kind,
                sha256,
                location,
                source,
                next,
                requestedScopes,
                currentGrant,
                findings,
                why,
                installedAt,
                at);
    }
}
