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
        assertThat(new Route(HttpMethod.GET, "/x", OK, Access.PUBLIC).maxBodyBytes()).isZero();
    }

    @Test
    void theLimitAndTypesSurviveAccessChangesInEitherOrder() {
        Set<String> jar = Set.of("application/java-archive");

        Route before = Route.post("/up", OK).maxBodyBytes(4096).accepts(jar).requires("platform:plugins:write");
        Route after = Route.post("/up", OK).requires("platform:plugins:write").accepts(jar).maxBodyBytes(4096);
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
