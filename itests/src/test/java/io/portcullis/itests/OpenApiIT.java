package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The API description the distribution serves is a valid OpenAPI 3.1 document by a real validator
 * (swagger-parser, in this JVM), and describes the core routes a user calls. That every route of every
 * route provider appears is proven inside the framework ({@code ServerTests}).
 */
public class OpenApiIT {

    private static final Duration START = Duration.ofSeconds(60);

    @Test
    public void theServedDescriptionIsValidOpenApi31() throws Exception {
        int port = Provisioning.freePort();
        try (ServerProcess server = new ServerProcess()) {
            server.start(Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port)));
            Http http = new Http(port);
            http.await("/health/ready", 200, START);
            String admin =
                    Files.readString(server.home.resolve("data/admin.key")).strip();
            HttpResponse<String> answer =
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/openapi.json"))
                            .header("Authorization", "Bearer " + admin)
                            .GET());
            assertEquals(answer.body(), 200, answer.statusCode());

            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(answer.body(), null, options);
            List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
            assertTrue("validation messages: " + messages, messages.isEmpty());
            OpenAPI api = result.getOpenAPI();
            assertNotNull(api);
            assertEquals("3.1.0", api.getOpenapi());

            List<String> undocumented = new ArrayList<>();
            int operations = 0;
            for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> method :
                        path.getValue().readOperationsMap().entrySet()) {
                    operations++;
                    String summary = method.getValue().getSummary();
                    if (summary == null || summary.isBlank()) {
                        undocumented.add(method.getKey() + " " + path.getKey());
                    }
                }
            }
            assertTrue("without a summary: " + undocumented, undocumented.isEmpty());
            assertTrue("operations: " + operations, operations > 40);
            assertNotNull(api.getPaths().get("/api/v1/me").getGet());
            assertNotNull(
                    api.getPaths().get("/api/v1/workspaces/{ws}/members/{id}").getPatch());
            assertNotNull(api.getComponents().getSchemas().get("tenancy.Bodies.NewInvite"));
            System.out.println("openapi: " + operations + " operations, "
                    + api.getComponents().getSchemas().size() + " schemas, "
                    + answer.body().length() + " bytes, valid");
        }
    }
}
