package io.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A route's own body limit and raw media types survive every copy and refuse nonsense. */
class RouteTest {

    private static final RouteHandler OK = request -> ApiResponse.noContent();

    @Test
    void theExistingFactoriesMakeJsonRoutesWithTheServerLimit() {
        Route route = Route.post("/things", OK);

        assertThat(route.maxBodyBytes()).isZero();
        assertThat(route.mediaTypes()).isEmpty();
        assertThat(new Route(HttpMethod.GET, "/x", OK, Access.PUBLIC).maxBodyBytes())
                .isZero();
    }

    @Test
    void theLimitAndTypesSurviveAccessChangesInEitherOrder() {
        Set<String> jar = Set.of("application/java-archive");

        Route before = Route.post("/up", OK).maxBodyBytes(4096).accepts(jar).requires("platform:plugins:write");
        Route after = Route.post("/up", OK)
                .requires("platform:plugins:write")
                .accepts(jar)
                .maxBodyBytes(4096);
        Route open = Route.post("/up", OK).maxBodyBytes(4096).accepts(jar).publicAccess();

        for (Route route : new Route[] {before, after, open}) {
            assertThat(route.maxBodyBytes()).isEqualTo(4096);
            assertThat(route.mediaTypes()).containsExactly("application/java-archive");
        }
        assertThat(before.access().permission()).isEqualTo("platform:plugins:write");
        assertThat(after.access().permission()).isEqualTo("platform:plugins:write");
        assertThat(open.access().anonymous()).isTrue();
    }

    @Test
    void documentationSurvivesEveryCopyAndChangesNothingElse() {
        Route route = Route.post("/w/{ws}/things", OK)
                .summary("Make a thing")
                .request(String.class)
                .response(Integer.class)
                .status(201)
                .problems(409, 404)
                .query("q: a query")
                .requires("workspace:{ws}:things:write")
                .maxBodyBytes(10)
                .accepts(Set.of());

        assertThat(route.doc().summary()).isEqualTo("Make a thing");
        assertThat(route.doc().request()).isEqualTo(String.class);
        assertThat(route.doc().response()).isEqualTo(Integer.class);
        assertThat(route.doc().successStatus()).isEqualTo(201);
        assertThat(route.doc().problems()).containsExactlyInAnyOrder(404, 409);
        assertThat(route.doc().queryParameters()).containsExactly("q: a query");
        assertThat(route.access().permission()).isEqualTo("workspace:{ws}:things:write");
        assertThat(route.maxBodyBytes()).isEqualTo(10);
        assertThat(Route.get("/x", OK).pageOf(String.class).doc().paged()).isTrue();
        assertThat(Route.delete("/x", OK).doc().successStatus()).isEqualTo(204);
        assertThat(new Route(HttpMethod.GET, "/x", OK, Access.PUBLIC, 0, Set.of()).doc())
                .isEqualTo(RouteDoc.NONE);
        assertThatThrownBy(() -> route.status(404)).hasMessageContaining("2xx");
        assertThatThrownBy(() -> route.problems(200)).hasMessageContaining("4xx or 5xx");
    }

    @Test
    void aNegativeOrHugeLimitIsRefused() {
        Route route = Route.post("/up", OK);

        assertThatThrownBy(() -> route.maxBodyBytes(-1)).hasMessageContaining("maxBodyBytes must be 0..");
        assertThatThrownBy(() -> route.maxBodyBytes(Route.MAX_BODY_LIMIT + 1)).hasMessageContaining("maxBodyBytes");
        assertThat(route.maxBodyBytes(Route.MAX_BODY_LIMIT).maxBodyBytes()).isEqualTo(Route.MAX_BODY_LIMIT);
    }

    @Test
    void mediaTypesMustBeLowerCaseWithoutParameters() {
        Route route = Route.post("/up", OK);

        assertThatThrownBy(() -> route.accepts(Set.of("Application/Zip"))).hasMessageContaining("media type");
        assertThatThrownBy(() -> route.accepts(Set.of("application/zip; q=1"))).hasMessageContaining("media type");
        assertThatThrownBy(() -> route.accepts(Set.of("zip"))).hasMessageContaining("media type");
    }
}
