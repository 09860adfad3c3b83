package io.portcullis.policy.internal.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import io.portcullis.web.testing.TestCaller;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/scopes}: the whole catalogue for any authenticated caller, as one sorted page. */
class ScopeRoutesTest {

    @Test
    void anyAuthenticatedCallerReadsTheCatalogueSortedByName() throws Exception {
        Route route = new ScopeRoutes(new ScopeCatalogue()).routes().get(0);
        assertThat(route.method()).isEqualTo(HttpMethod.GET);
        assertThat(route.path()).isEqualTo("/api/v1/scopes");
        assertThat(route.access().anonymous()).isFalse();
        assertThat(route.access().permission()).isNull();

        ApiResponse response = route.handler().handle(request());

        JsonNode body = FakeRequest.tree(response);
        assertThat(response.status()).isEqualTo(200);
        assertThat(body.get("next_cursor").isNull()).isTrue();
        JsonNode items = body.get("items");
        assertThat(items).hasSize(11);
        assertThat(items.findValuesAsText("name")).isSorted().contains("net.egress", "net.raw", "fs.workspace");
        JsonNode raw = items.get(items.findValuesAsText("name").indexOf("net.raw"));
        assertThat(raw.get("risk").asText()).isEqualTo("critical");
        assertThat(raw.get("grantable").asBoolean()).isFalse();
        assertThat(raw.get("description").asText()).isNotBlank();
        JsonNode model = items.get(items.findValuesAsText("name").indexOf("model.invoke"));
        assertThat(model.get("available").asBoolean()).isFalse();
        assertThat(model.get("grantable").asBoolean()).isFalse();
        assertThat(model.get("note").asText()).startsWith("Planned: ");
        JsonNode egress = items.get(items.findValuesAsText("name").indexOf("net.egress"));
        assertThat(egress.get("available").asBoolean()).isTrue();
        assertThat(egress.get("grantable").asBoolean()).isTrue();
        for (JsonNode item : items) {
            assertThat(Set.copyOf(iterable(item)))
                    .containsExactlyInAnyOrder("name", "description", "risk", "grantable", "available", "note");
            assertThat(item.get("note").isNull())
                    .as(item.toString())
                    .isEqualTo(item.get("available").asBoolean());
            assertThat(item.get("risk").asText()).isIn("low", "medium", "high", "critical");
        }
    }

    @Test
    void aScopeMadeGrantableByConfigurationShowsAsGrantable() throws Exception {
        Route route =
                new ScopeRoutes(new ScopeCatalogue(Set.of("net.raw"))).routes().get(0);

        JsonNode body = FakeRequest.tree(route.handler().handle(request()));

        assertThat(body.get("items"))
                .allSatisfy(item -> assertThat(item.get("grantable").asBoolean())
                        .as(item.toString())
                        .isEqualTo(item.get("available").asBoolean()));
        assertThat(body.toString()).contains("{\"name\":\"net.raw\",\"description\"");
    }

    /** A GET by a member of some workspace: the route asks no permission, so any caller will do. */
    private static FakeRequest request() {
        return new FakeRequest(HttpMethod.GET, TestCaller.member("aaaaaaaaaaaaaaaaaaaaaaaa"), Map.of(), Map.of(), "");
    }

    private static java.util.List<String> iterable(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
