package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import io.portcullis.web.RouteHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API description says what the routes and Jackson say, and follows the route table. */
class OpenApiTest {

    private static final RouteHandler OK = request -> ApiResponse.noContent();

    enum Colour {
        RED,
        GREEN
    }

    record Tag(String label) {}

    /** Jackson reads the creator's parameters, not the record's components. */
    record NewThing(String name, int hours) {
        @JsonCreator
        NewThing(@JsonProperty("name") String name, @JsonProperty("expires_in_hours") Integer hours) {
            this(name, hours.intValue());
        }
    }

    record Thing(
            String id,
            @JsonProperty("created_at") Instant createdAt,
            Colour colour,
            List<Tag> tags,
            @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {}

    private final RouteTable table = new RouteTable();
    private final ApiDocRoutes docs = new ApiDocRoutes(table);

    private JsonNode document() {
        return Json.MAPPER.valueToTree(docs.document());
    }

    private void addThings() {
        table.add(
                "things",
                "io.portcullis.things (service 7)",
                List.of(
                        Route.post("/api/v1/workspaces/{ws}/things", OK)
                                .requires("workspace:{ws}:things:write")
                                .summary("Make a thing")
                                .request(NewThing.class)
                                .response(Thing.class)
                                .status(201)
                                .problems(409),
                        Route.get("/api/v1/workspaces/{ws}/things", OK)
                                .requires("workspace:{ws}:things:read")
                                .summary("List things")
                                .pageOf(Thing.class)
                                .query("colour: only things of this colour"),
                        Route.post("/api/v1/uploads", OK)
                                .accepts(Set.of("application/zip"))
                                .summary("Upload"),
                        Route.get("/open", OK).publicAccess().summary("Open")));
    }

    @Test
    void everyRouteIsAnOperationWithItsParametersPermissionAndProblems() {
        addThings();

        JsonNode paths = document().get("paths");
        JsonNode create = paths.get("/api/v1/workspaces/{ws}/things").get("post");
        assertThat(create.get("summary").asText()).isEqualTo("Make a thing");
        assertThat(create.get("tags").get(0).asText()).isEqualTo("io.portcullis.things");
        assertThat(create.get("x-required-permission").asText()).isEqualTo("workspace:{ws}:things:write");
        assertThat(create.get("parameters").get(0).get("name").asText()).isEqualTo("ws");
        assertThat(create.get("parameters").get(0).get("in").asText()).isEqualTo("path");
        assertThat(names(create.get("responses")))
                .containsExactly("201", "400", "401", "403", "404", "409", "413", "415", "429");
        assertThat(create.get("responses")
                        .get("201")
                        .at("/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/web.OpenApiTest.Thing");

        JsonNode list = paths.get("/api/v1/workspaces/{ws}/things").get("get");
        List<String> query = new ArrayList<>();
        list.get("parameters")
                .forEach(p ->
                        query.add(p.get("in").asText() + ":" + p.get("name").asText()));
        assertThat(query).containsExactly("path:ws", "query:limit", "query:cursor", "query:colour");
        assertThat(list.at("/responses/200/content/application~1json/schema/properties/items/items/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/web.OpenApiTest.Thing");

        JsonNode open = paths.get("/open").get("get");
        assertThat(open.get("security")).isEmpty();
        assertThat(names(open.get("responses"))).containsExactly("204");
        assertThat(open.has("x-required-permission")).isFalse();

        JsonNode upload = paths.get("/api/v1/uploads").get("post");
        assertThat(names(upload.at("/requestBody/content"))).containsExactly("application/zip");
        assertThat(names(upload.get("responses"))).containsExactly("204", "400", "401", "413", "415", "429");
    }

    @Test
    void schemasAreJacksonsViewOfTheTypes() {
        addThings();

        JsonNode schemas = document().at("/components/schemas");
        JsonNode thing = schemas.get("web.OpenApiTest.Thing");
        assertThat(names(thing.get("properties")))
                .containsExactlyInAnyOrder("id", "created_at", "colour", "tags", "secret");
        assertThat(thing.at("/properties/created_at/format").asText()).isEqualTo("date-time");
        assertThat(thing.at("/properties/colour/enum").toString()).isEqualTo("[\"RED\",\"GREEN\"]");
        assertThat(thing.at("/properties/tags/items/$ref").asText())
                .isEqualTo("#/components/schemas/web.OpenApiTest.Tag");
        assertThat(values(thing.get("required"))).containsExactlyInAnyOrder("id", "created_at", "colour", "tags");

        JsonNode newThing = schemas.get("web.OpenApiTest.NewThing");
        assertThat(names(newThing.get("properties"))).containsExactlyInAnyOrder("name", "expires_in_hours");
        assertThat(newThing.at("/properties/expires_in_hours/type").asText()).isEqualTo("integer");
        assertThat(newThing.get("additionalProperties").asBoolean(true)).isFalse();

        assertThat(schemas.get("Problem").get("required").toString()).contains("status");
        assertThat(document()
                        .at("/components/responses/Problem409/content/application~1problem+json")
                        .isObject())
                .isTrue();
    }

    @Test
    void theDocumentFollowsTheRouteTable() {
        assertThat(document().get("paths").has("/open")).isFalse();

        addThings();
        assertThat(document().get("paths").has("/open")).isTrue();

        table.remove("things");
        assertThat(document().get("paths").has("/open")).isFalse();
    }

    @Test
    void theServerDescribesItselfToAuthenticatedCallersOnly() {
        table.add("web", "io.portcullis.web (built-in)", docs.routes());

        JsonNode self = document().get("paths").get(OpenApi.PATH).get("get");
        assertThat(self.has("security")).isFalse(); // the document's default: the bearer API key
        assertThat(names(self.get("responses"))).contains("401");
        assertThat(document().get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document().at("/components/securitySchemes/apiKey/scheme").asText())
                .isEqualTo("bearer");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
