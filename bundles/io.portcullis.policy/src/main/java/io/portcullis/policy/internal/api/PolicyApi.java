package io.portcullis.policy.internal.api;

import io.portcullis.policy.PrivateEndpoints;
import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.policy.internal.catalogue.ScopeRoutes;
import io.portcullis.policy.internal.plugins.PluginAdmin;
import io.portcullis.web.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Every REST route of the policy bundle, for its route provider: the platform's plugin routes, a
 * workspace's plugin enablement and policy, and the scope catalogue. Routes are built once and
 * stateless; the gate ({@link PluginAdmin}) holds all state.
 */
public final class PolicyApi {

    /** The default upload limit: plugin jars embed their libraries and run to tens of megabytes. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 32L * 1024 * 1024;

    private final List<Route> routes;

    /**
     * @param maxUploadBytes the largest jar {@code POST /api/v1/plugins} accepts; throws naming the
     *     property unless it is 1..{@link Route#MAX_BODY_LIMIT}
     */
    public PolicyApi(PluginAdmin admin, ScopeCatalogue catalogue, long maxUploadBytes) {
        this(admin, catalogue, maxUploadBytes, pluginId -> List.of());
    }

    /** @param endpoints the private endpoints the egress guard granted each plugin, shown on the plugin */
    public PolicyApi(PluginAdmin admin, ScopeCatalogue catalogue, long maxUploadBytes, PrivateEndpoints endpoints) {
        if (maxUploadBytes < 1 || maxUploadBytes > Route.MAX_BODY_LIMIT) {
            throw new IllegalArgumentException(
                    "maxUploadBytes must be 1.." + Route.MAX_BODY_LIMIT + ", was " + maxUploadBytes);
        }
        List<Route> all = new ArrayList<>();
        all.addAll(new PluginRoutes(admin, catalogue, maxUploadBytes, endpoints).routes());
        all.addAll(new WorkspacePluginRoutes(admin).routes());
        all.addAll(new PolicyRoutes(admin).routes());
        all.addAll(new ScopeRoutes(catalogue).routes());
        this.routes = List.copyOf(all);
    }

    public List<Route> routes() {
        return routes;
    }
}
