package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.hosts.HostStatus;
import io.portcullis.policy.internal.plugins.Grant;
import io.portcullis.policy.internal.plugins.PluginRecord;
import io.portcullis.policy.internal.plugins.WorkspacePlugin;
import io.portcullis.policy.internal.scan.Finding;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
            @JsonProperty("private_endpoints") List<String> privateEndpoints,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable HostView host) {

        /**
         * {@code privateEndpoints}: the origins on the server's own machine the platform configuration
         * granted this plugin (egress {@code privateEndpoints}), so a review sees every way it reaches the host.
         * {@code host}: its plugin host, left out when none was started since the server's start.
         */
        static PluginView of(PluginRecord record, List<String> privateEndpoints, @Nullable HostStatus host) {
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
                    List.copyOf(privateEndpoints),
                    host == null ? null : HostView.of(host));
        }
    }

    /**
     * A plugin's host process: its isolation ({@code sandbox}, {@code process}), where it is
     * ({@code starting}, {@code running}, {@code restarting}, {@code failed}, {@code stopped}), its
     * process id while it runs, restarts after failures, the last failure, its resident memory and the
     * services it offers ({@code tool:http.fetch}).
     */
    record HostView(
            String isolation,
            String state,
            @Nullable Long pid,
            int restarts,
            @JsonProperty("last_error") @Nullable String lastError,
            @JsonProperty("last_error_at") @Nullable Instant lastErrorAt,
            @JsonProperty("started_at") @Nullable Instant startedAt,
            @JsonProperty("rss_bytes") long rssBytes,
            List<String> services) {

        static HostView of(HostStatus status) {
            return new HostView(
                    status.isolation().id(),
                    status.state().name().toLowerCase(Locale.ROOT),
                    status.pid(),
                    status.restarts(),
                    status.lastError(),
                    status.lastErrorAt(),
                    status.startedAt(),
                    status.rssBytes(),
                    List.copyOf(status.services()));
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
