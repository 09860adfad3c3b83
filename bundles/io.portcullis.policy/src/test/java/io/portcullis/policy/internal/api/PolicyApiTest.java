package io.portcullis.policy.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.web.Route;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route table the provider registers: who may call what, and the upload limit from configuration. */
class PolicyApiTest extends ApiFixture {

    @Test
    void everyRouteRequiresItsPermission() {
        Map<String, String> permissions = new HashMap<>();
        for (Route route : api.routes()) {
            assertThat(route.access().anonymous()).as(route.path()).isFalse();
            permissions.put(
                    route.method() + " " + route.path(),
                    String.valueOf(route.access().permission()));
        }

        String plugins = "/api/v1/plugins";
        String ws = "/api/v1/workspaces/{ws}";
        assertThat(permissions)
                .containsOnly(
                        Map.entry("GET " + plugins, "platform:plugins:read"),
                        Map.entry("GET " + plugins + "/{id}", "platform:plugins:read"),
                        Map.entry("POST " + plugins, "platform:plugins:write"),
                        Map.entry("POST " + plugins + "/{id}/grant", "platform:plugins:write"),
                        Map.entry("POST " + plugins + "/{id}/revoke", "platform:plugins:write"),
                        Map.entry("DELETE " + plugins + "/{id}", "platform:plugins:write"),
                        Map.entry("GET " + ws + "/plugins", "workspace:{ws}:plugins:read"),
                        Map.entry("PUT " + ws + "/plugins/{id}", "workspace:{ws}:plugins:write"),
                        Map.entry("DELETE " + ws + "/plugins/{id}", "workspace:{ws}:plugins:write"),
                        Map.entry("GET " + ws + "/policy", "workspace:{ws}:policy:read"),
                        Map.entry("PUT " + ws + "/policy", "workspace:{ws}:policy:write"),
                        Map.entry("PATCH " + ws + "/policy", "workspace:{ws}:policy:write"),
                        Map.entry("GET /api/v1/scopes", "null"));
    }

    @Test
    void theUploadLimitIsConfigurableWithinTheWebLayersBound() {
        ScopeCatalogue catalogue = new ScopeCatalogue();

        assertThat(PolicyApi.DEFAULT_MAX_UPLOAD_BYTES).isEqualTo(32L * 1024 * 1024);
        assertThat(new PolicyApi(admin, catalogue, PolicyApi.DEFAULT_MAX_UPLOAD_BYTES).routes())
                .filteredOn(
                        r -> r.path().equals("/api/v1/plugins") && r.method().hasBody())
                .singleElement()
                .satisfies(r -> assertThat(r.maxBodyBytes()).isEqualTo(32L * 1024 * 1024));
        assertThatThrownBy(() -> new PolicyApi(admin, catalogue, 0))
                .hasMessageStartingWith("maxUploadBytes must be 1..");
        assertThatThrownBy(() -> new PolicyApi(admin, catalogue, Route.MAX_BODY_LIMIT + 1))
                .hasMessageStartingWith("maxUploadBytes must be 1..");
    }
}
