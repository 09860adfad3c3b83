package io.portcullis.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meter's routes are served by the bundle's route provider, under the permissions tenancy grants. */
class MeterBindingTest {

    @Test
    void theMetersRoutesAreWiredWithTheirPermissions() throws Exception {
        List<Route> routes = MeterBinding.of(TestDatabase.h2("models").database).routes(new RecordingAuditLog());
        assertThat(routes)
                .extracting(Route::method, Route::path, route -> route.access().permission())
                .contains(
                        tuple(HttpMethod.GET, "/api/v1/model-prices", "platform:models:read"),
                        tuple(HttpMethod.PUT, "/api/v1/workspaces/{ws}/budget", "workspace:{ws}:budget:write"),
                        tuple(HttpMethod.GET, "/api/v1/workspaces/{ws}/usage", "workspace:{ws}:usage:read"));
    }
}
