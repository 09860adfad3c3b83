package io.portcullis.models.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.models.internal.gateway.GatewayHarness;
import io.portcullis.models.internal.profiles.ProfileRoutes;
import io.portcullis.models.internal.profiles.ProfileStore;
import io.portcullis.models.testing.FakeEgress;
import io.portcullis.models.testing.FakePolicy;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.Route;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may call what: reads for every member, profile writes for admins, completions for operators. */
class RouteTableTest {

    @Test
    void everyRouteRequiresItsPermission() {
        List<Route> routes = new ArrayList<>(new ProfileRoutes(
                        new ProfileStore(null, Clock.systemUTC()),
                        new FakePolicy(),
                        new FakeEgress(),
                        new RecordingAuditLog())
                .routes());
        try (GatewayHarness h = new GatewayHarness()) {
            routes.addAll(new CompletionRoutes(h.gateway).routes());
        }
        String base = "/api/v1/workspaces/{ws}/models";
        assertThat(routes)
                .extracting(Route::method, Route::path, route -> route.access().permission())
                .containsExactlyInAnyOrder(
                        tuple(HttpMethod.GET, base, "workspace:{ws}:models:read"),
                        tuple(HttpMethod.GET, base + "/{id}", "workspace:{ws}:models:read"),
                        tuple(HttpMethod.POST, base, "workspace:{ws}:models:write"),
                        tuple(HttpMethod.PUT, base + "/{id}", "workspace:{ws}:models:write"),
                        tuple(HttpMethod.DELETE, base + "/{id}", "workspace:{ws}:models:write"),
                        tuple(
                                HttpMethod.POST,
                                "/api/v1/workspaces/{ws}/completions",
                                "workspace:{ws}:completions:invoke"));
        assertThat(routes.stream()
                        .filter(r -> r.path().endsWith("/completions"))
                        .findFirst()
                        .orElseThrow()
                        .maxBodyBytes())
                .isGreaterThan(1024 * 1024);
    }
}
