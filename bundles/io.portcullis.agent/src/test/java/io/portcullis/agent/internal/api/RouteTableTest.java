package io.portcullis.agent.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.web.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every route of the bundle, with the permission it needs, each bound to its workspace and documented. */
class RouteTableTest {

    @Test
    void everyRouteNeedsItsPermissionAndIsDocumented() throws Exception {
        List<Route> routes = new Fixture().api.routes();
        assertThat(routes)
                .extracting(r -> r.method() + " " + r.path() + " " + r.access().permission())
                .containsExactlyInAnyOrder(
                        "GET /api/v1/workspaces/{ws}/agents workspace:{ws}:agents:read",
                        "POST /api/v1/workspaces/{ws}/agents workspace:{ws}:agents:write",
                        "GET /api/v1/workspaces/{ws}/agents/{id} workspace:{ws}:agents:read",
                        "PATCH /api/v1/workspaces/{ws}/agents/{id} workspace:{ws}:agents:write",
                        "DELETE /api/v1/workspaces/{ws}/agents/{id} workspace:{ws}:agents:write",
                        "GET /api/v1/workspaces/{ws}/agents/{id}/versions/{version} workspace:{ws}:agents:read",
                        "GET /api/v1/workspaces/{ws}/conversations workspace:{ws}:conversations:read",
                        "POST /api/v1/workspaces/{ws}/conversations workspace:{ws}:conversations:write",
                        "GET /api/v1/workspaces/{ws}/conversations/{id} workspace:{ws}:conversations:read",
                        "GET /api/v1/workspaces/{ws}/conversations/{id}/messages workspace:{ws}:conversations:read",
                        "POST /api/v1/workspaces/{ws}/conversations/{id}/messages workspace:{ws}:conversations:write",
                        "POST /api/v1/workspaces/{ws}/conversations/{id}/notes workspace:{ws}:conversations:write",
                        "GET /api/v1/workspaces/{ws}/runs workspace:{ws}:runs:read",
                        "GET /api/v1/workspaces/{ws}/runs/{id} workspace:{ws}:runs:read",
                        "GET /api/v1/workspaces/{ws}/runs/{id}/steps workspace:{ws}:runs:read",
                        "POST /api/v1/workspaces/{ws}/runs/{id}/cancel workspace:{ws}:runs:write",
                        "GET /api/v1/workspaces/{ws}/runs/{id}/events workspace:{ws}:runs:read",
                        "GET /api/v1/workspaces/{ws}/review workspace:{ws}:review:read",
                        "GET /api/v1/workspaces/{ws}/review/{id} workspace:{ws}:review:read",
                        "PATCH /api/v1/workspaces/{ws}/review/{id} workspace:{ws}:review:write");
        assertThat(routes).allMatch(r -> r.access().workspaceBound(), "bound to the caller's workspace");
        assertThat(routes).allMatch(r -> !r.doc().summary().isBlank(), "documented");
    }
}
