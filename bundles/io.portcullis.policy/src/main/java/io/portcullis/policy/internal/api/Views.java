package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.policy.internal.plugins.Grant;
import io.portcullis.policy.internal.plugins.PluginRecord;
import io.portcullis.policy.internal.plugins.WorkspacePlugin;
import io.portcullis.policy.internal.scan.Finding;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Response bodies, in the API's snake_case. No view has the plugin's install location: it is a path
 * of the server's file system, which callers have no business knowing.
 */
final class Views {

    private Views() {}

    /** A plugin as the platform administrator reviews it. */
    record PluginView(
            String id,
            String version,
            String kind,
            String status,
            String sha256,
            String source,
            @JsonProperty("requested_scopes") List<String> requestedScopes,
            @JsonProperty("granted_scopes") List<String> grantedScopes,
            @JsonProperty("granted_by") @Nullable String grantedBy,
            @JsonProperty("granted_at") @Nullable Instant grantedAt,
            List<FindingView> findings,
            List<String> reasons,
            @JsonProperty("installed_at") Instant installedAt,
            @JsonProperty("updated_at") Instant updatedAt,
            @JsonProperty("private_endpoints") List<String> privateEndpoints) {

        /**
         * {@code privateEndpoints}: the origins on the server's own machine the platform configuration
         * granted this plugin (egress {@code privateEndpoints}), so a review sees every way it reaches the host.
         */
        static PluginView of(PluginRecord record, List<String> privateEndpoints) {
            Grant grant = record.grant();
            return new PluginView(
                    record.id(),
                    record.version(),
                    record.kind(),
                    record.status().id(),
                    record.sha256(),
                    record.source(),
                    sorted(record.requestedScopes()),
                    grant == null ? List.of() : sorted(grant.scopes()),
                    grant == null ? null : grant.grantedBy(),
                    grant == null ? null : grant.grantedAt(),
                    record.findings().stream().map(FindingView::of).toList(),
                    record.reasons(),
                    record.installedAt(),
                    record.updatedAt(),
                    List.copyOf(privateEndpoints));
        }
    }

    /** One finding of the bytecode scan: where, what it calls, and the scope that would allow it. */
    record FindingView(
            String source,
            @JsonProperty("class") String className,
            String method,
            String call,
            String capability,
            @Nullable String scope) {

        static FindingView of(Finding finding) {
            return new FindingView(
                    finding.source(),
                    finding.className(),
                    finding.method(),
                    finding.call(),
                    finding.capability(),
                    finding.scope());
        }
    }

    /** An active plugin as a workspace sees it: whether it runs there, since when and on whose word. */
    record WorkspacePluginView(
            String id,
            String version,
            String kind,
            String status,
            boolean enabled,
            @JsonProperty("enabled_by") @Nullable String enabledBy,
            @JsonProperty("enabled_at") @Nullable Instant enabledAt) {

        static WorkspacePluginView of(WorkspacePlugin plugin) {
            PluginRecord record = plugin.plugin();
            return new WorkspacePluginView(
                    record.id(),
                    record.version(),
                    record.kind(),
                    record.status().id(),
                    plugin.enabled(),
                    plugin.enabledBy(),
                    plugin.enabledAt());
        }
    }

    private static List<String> sorted(Collection<String> scopes) {
        return scopes.stream().sorted().toList();
    }
}
