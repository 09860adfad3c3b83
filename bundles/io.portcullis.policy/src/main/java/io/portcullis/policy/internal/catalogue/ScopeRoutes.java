package io.portcullis.policy.internal.catalogue;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Page;
import io.portcullis.web.Route;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/scopes}: the catalogue, for any authenticated caller. Workspace admins see it
 * too, because they decide which granted plugins run for their workspace and should know what each
 * scope allows. One page, sorted by name, in the shape of every list: {@code {"items", "next_cursor"}}.
 * Scopes of features that do not exist yet are listed too, marked {@code "available": false} with a note,
 * so that an administrator reviewing a plugin that asks for one knows why it cannot be granted.
 */
public final class ScopeRoutes {

    static final String PATH = "/api/v1/scopes";

    private final ScopeCatalogue catalogue;

    public ScopeRoutes(ScopeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public List<Route> routes() {
        return List.of(Route.get(PATH, this::list)
                .summary("List the scopes a plugin can be granted")
                .response(Page.class));
    }

    ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(new Page<>(catalogue.all().stream().map(View::of).toList(), null));
    }

    /**
     * A scope as the API shows it: {@code grantable} is whether a grant may allow it on this server,
     * {@code available} whether its feature exists yet, and {@code note} why not when it does not.
     */
    record View(
            String name,
            String description,
            String risk,
            boolean grantable,
            boolean available,
            @Nullable String note) {

        static View of(Scope scope) {
            return new View(
                    scope.name(),
                    scope.description(),
                    scope.risk().id(),
                    scope.grantableHere(),
                    scope.available(),
                    scope.note());
        }
    }
}
