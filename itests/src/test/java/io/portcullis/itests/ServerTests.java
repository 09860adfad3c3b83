package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.store.Database;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * What must hold in a running server whatever its database; run once on H2 and once on
 * PostgreSQL by the subclasses.
 */
public abstract class ServerTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    protected BundleContext context;

    protected Http http;

    /** The engine marker the fixture's engine-specific migration writes: "h2" or "postgresql". */
    protected abstract String expectedEngine();

    @Before
    public void awaitServer() throws Exception {
        http = new Http(Integer.parseInt(context.getProperty(Provisioning.HTTP_PORT)));
        http.await("/health/ready", 200, WAIT);
    }

    @Test
    public void everyBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                notActive.add(bundle.getSymbolicName() + " (state " + bundle.getState() + ")");
            }
        }
        assertTrue("bundles not active: " + notActive, notActive.isEmpty());
        assertNotNull(bundleNamed("io.portcullis.web"));
        assertNotNull(bundleNamed("io.portcullis.store"));
    }

    @Test
    public void healthEndpointsAnswer() {
        assertEquals(200, http.get("/health/live").statusCode());
        HttpResponse<String> ready = http.get("/health/ready");
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body(), ready.body().contains("database"));
    }

    @Test
    public void readinessNamesTheDatabaseWhileTheStoreIsDown() throws Exception {
        Bundle store = bundleNamed("io.portcullis.store");
        store.stop();
        try {
            HttpResponse<String> notReady = http.await("/health/ready", 503, WAIT);
            assertProblem(notReady, 503);
            assertTrue(notReady.body(), notReady.body().contains("database"));
            assertEquals(200, http.get("/health/live").statusCode());
        } finally {
            store.start();
        }
        http.await("/health/ready", 200, WAIT);
    }

    @Test
    public void aRouteServiceAppearsAndDisappearsWithItsRegistration() {
        http.await("/itest/probe", 404, WAIT);
        RouteProvider provider = () -> List.of(Route.get("/itest/probe", r -> ApiResponse.ok(Map.of("probe", true)))
                .publicAccess());
        ServiceRegistration<RouteProvider> registration = context.registerService(RouteProvider.class, provider, null);
        try {
            assertTrue(http.await("/itest/probe", 200, WAIT).body().contains("probe"));
        } finally {
            registration.unregister();
        }
        http.await("/itest/probe", 404, WAIT);
    }

    /**
     * The API description lists every route of every route provider (core bundles, the fixture, a
     * route registered just now) with its method, and every core route with a summary; without a
     * credential it answers 401.
     */
    @Test
    public void theApiDescriptionNamesEveryRouteServedNow() throws Exception {
        installFixture();
        ServerApi api = ServerApi.ready(context);
        assertEquals(401, http.get("/api/v1/openapi.json").statusCode());
        RouteProvider probe = () -> List.of(Route.get("/itest/described/{id}", r -> ApiResponse.noContent()));
        ServiceRegistration<RouteProvider> registration = context.registerService(RouteProvider.class, probe, null);
        JsonNode paths;
        try {
            paths = openApi(api).path("paths");
            assertTrue(paths.toString(), paths.path("/itest/described/{id}").has("get"));
            List<String> missing = new ArrayList<>();
            int checked = 0;
            for (ServiceReference<RouteProvider> reference : context.getServiceReferences(RouteProvider.class, null)) {
                String bundle = reference.getBundle().getSymbolicName();
                boolean core = bundle.startsWith("io.portcullis.") && !bundle.startsWith("io.portcullis.itest");
                for (Route route : context.getService(reference).routes()) {
                    JsonNode operation =
                            paths.path(route.path()).path(route.method().name().toLowerCase(Locale.ROOT));
                    checked++;
                    if (operation.isMissingNode()) {
                        missing.add(route.method() + " " + route.path() + " of " + bundle);
                    } else if (core && operation.path("summary").asText().isBlank()) {
                        missing.add("the summary of " + route.method() + " " + route.path() + " of " + bundle);
                    }
                }
                context.ungetService(reference);
            }
            assertTrue("not described: " + missing, missing.isEmpty());
            assertTrue("routes checked: " + checked, checked > 40);
            for (String builtIn : new String[] {"/health/live", "/health/ready", "/api/v1/openapi.json"}) {
                assertFalse(
                        builtIn,
                        paths.path(builtIn).path("get").path("summary").asText().isBlank());
            }
        } finally {
            registration.unregister();
        }
        assertFalse(openApi(api).path("paths").has("/itest/described/{id}"));
    }

    private static JsonNode openApi(ServerApi api) throws Exception {
        HttpResponse<String> answer = api.send("GET", "/api/v1/openapi.json", api.admin(), null);
        assertEquals(answer.body(), 200, answer.statusCode());
        return new ObjectMapper().readTree(answer.body());
    }

    @Test
    public void aBundlesRoutesAppearAndDisappearWithTheBundle() throws Exception {
        Bundle fixture = installFixture();
        assertTrue(http.await("/fixture/hello", 200, WAIT).body().contains("world"));
        assertEquals("{\"id\":\"42\"}", http.get("/fixture/items/42").body());
        fixture.stop();
        http.await("/fixture/hello", 404, WAIT);
        fixture.start();
        http.await("/fixture/hello", 200, WAIT);
    }

    @Test
    public void theStoreMigratesABundleAndScopesItsWork() throws Exception {
        installFixture();
        HttpResponse<String> engine = http.await("/fixture/engine", 200, WAIT);
        assertTrue(engine.body(), engine.body().contains("\"marker\":\"" + expectedEngine() + "\""));

        String note = "{\"text\":\"hello " + Long.toString(System.nanoTime(), 36) + "\"}";
        assertEquals(
                201,
                http.send("POST", "/fixture/workspaces/ws-a/notes", "application/json", note)
                        .statusCode());
        assertTrue(http.get("/fixture/workspaces/ws-a/notes").body().contains(note.substring(9, note.length() - 2)));
        assertFalse(http.get("/fixture/workspaces/ws-b/notes").body().contains("hello"));
    }

    @Test
    public void aFailedMigrationKeepsTheBundlesDatabaseAwayAndAppliesNothing() throws Exception {
        String schema = "broken_" + Long.toString(System.nanoTime(), 36);
        Path v1 = MigrationBundles.write(
                "itest.broken",
                "1.0.0",
                schema,
                Map.of(
                        "V1__first.sql",
                        "CREATE TABLE first_table (id INT);\nINSERT INTO first_table (id) VALUES (7);\n"));
        Bundle bundle = asLauncher().installBundle(v1.toUri().toString());
        try {
            bundle.start();
            awaitSchemaService(schema, true);

            Path v2 = MigrationBundles.write(
                    "itest.broken",
                    "2.0.0",
                    schema,
                    Map.of(
                            "V1__first.sql",
                                    "CREATE TABLE first_table (id INT);\nINSERT INTO first_table (id) VALUES (7);\n",
                            "V2__second.sql", "CREATE TABLE second_table (id INT);\nTHIS IS NOT SQL;\n"));
            bundle.update(java.nio.file.Files.newInputStream(v2));
            awaitSchemaService(schema, false);
            Http.sleep(500);
            assertNull("no Database for a failed migration", schemaService(schema));

            assertEquals(1, tableCount(schema, "first_table"));
            assertEquals(0, tableCount(schema, "second_table"));
            assertEquals(
                    7,
                    database()
                            .inTransaction(c -> {
                                try (ResultSet rs =
                                        c.createStatement().executeQuery("SELECT id FROM " + schema + ".first_table")) {
                                    rs.next();
                                    return rs.getInt(1);
                                }
                            })
                            .intValue());
        } finally {
            bundle.uninstall();
        }
    }

    @Test
    public void everyErrorIsAProblemDocument() {
        installFixtureQuietly();
        http.await("/fixture/hello", 200, WAIT);

        assertProblem(http.get("/no/such/route"), 404);
        HttpResponse<String> wrongMethod = http.send("DELETE", "/health/live", null, "");
        assertProblem(wrongMethod, 405);
        assertTrue(wrongMethod.headers().firstValue("Allow").orElse("").contains("GET"));

        HttpResponse<String> malformed =
                http.send("POST", "/fixture/echo", "application/json", "{\"text\": secret-value");
        assertProblem(malformed, 400);
        assertFalse(malformed.body(), malformed.body().contains("secret-value"));
        assertProblem(http.send("POST", "/fixture/echo", "text/plain", "{\"text\":\"x\"}"), 415);
        // Declared over the limit: refused before a byte of the body is read (a client streaming the
        // whole body may see the connection close under it, so send only the head).
        String tooLarge = http.raw("POST /fixture/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1048577\r\nConnection: close\r\n\r\n");
        assertTrue(tooLarge, tooLarge.startsWith("HTTP/1.1 413"));
        assertTrue(tooLarge, tooLarge.contains("application/problem+json") && tooLarge.contains("\"status\":413"));
        HttpResponse<String> boom = http.get("/fixture/boom");
        assertProblem(boom, 500);
        assertFalse(boom.body(), boom.body().contains("secret-internal-detail"));
        assertProblem(http.get("/fixture/teapot"), 418);
        // Deny by default: a route that does not say it is public wants a credential.
        HttpResponse<String> anonymous = http.get("/fixture/private");
        assertProblem(anonymous, 401);
        assertEquals(
                anonymous.body().replaceAll("\"request_id\":\"[^\"]*\"", ""),
                http.send(HttpRequest.newBuilder(URI.create(base() + "/fixture/private"))
                                .header("Authorization", "Bearer pk_000000000000000000000000_" + "0".repeat(64))
                                .GET())
                        .body()
                        .replaceAll("\"request_id\":\"[^\"]*\"", ""));

        assertEquals(
                "{\"text\":\"fine\"}",
                http.send("POST", "/fixture/echo", "application/json", "{\"text\":\"fine\"}")
                        .body());
    }

    @Test
    public void theRequestIdIsEchoedOrGenerated() {
        HttpResponse<String> echoed = http.send(HttpRequest.newBuilder(URI.create(base() + "/health/live"))
                .header("X-Request-Id", "itest-123")
                .GET());
        assertEquals("itest-123", echoed.headers().firstValue("X-Request-Id").orElse(null));
        HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(URI.create(base() + "/health/live"))
                .header("X-Request-Id", "bad id <script>")
                .GET());
        String generated = invalid.headers().firstValue("X-Request-Id").orElse("");
        assertFalse(generated.isEmpty());
        assertFalse(generated.contains("<"));
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        String what = response.statusCode() + " " + response.body();
        assertEquals(what, status, response.statusCode());
        assertEquals(
                what,
                "application/problem+json",
                response.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .split(";")[0]
                        .trim());
        assertTrue(what, response.body().contains("\"status\":" + status));
        assertTrue(what, response.headers().firstValue("X-Request-Id").isPresent());
        assertFalse(
                "no stack trace: " + what,
                response.body().contains("\tat ") || response.body().contains("Exception"));
    }

    private String base() {
        return "http://127.0.0.1:" + context.getProperty(Provisioning.HTTP_PORT);
    }

    private Bundle installFixture() throws Exception {
        Bundle fixture = bundleNamed("io.portcullis.itest.fixture");
        if (fixture == null) {
            fixture =
                    asLauncher().installBundle(Provisioning.fixtureJar().toUri().toString());
        }
        fixture.start();
        return fixture;
    }

    private void installFixtureQuietly() {
        try {
            installFixture();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The system bundle's context: test bundles installed through it are core, as if the launcher had
     * installed them from the core folder. Installed through the probe's own context they would be
     * plugins, which the gate keeps unresolved.
     */
    private BundleContext asLauncher() {
        return context.getBundle(0).getBundleContext();
    }

    private Bundle bundleNamed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private Database database() {
        return context.getService(context.getServiceReference(Database.class));
    }

    private ServiceReference<Database> schemaService(String schema) throws Exception {
        var refs = context.getServiceReferences(Database.class, "(" + Database.SCHEMA_PROPERTY + "=" + schema + ")");
        return refs.isEmpty() ? null : refs.iterator().next();
    }

    private void awaitSchemaService(String schema, boolean present) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((schemaService(schema) != null) != present) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Database service for schema " + schema + (present ? " never appeared" : " never went"));
            }
            Http.sleep(50);
        }
    }

    private int tableCount(String schema, String table) throws Exception {
        return database().inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE LOWER(table_schema) = ? AND LOWER(table_name) = ?")) {
                s.setString(1, schema);
                s.setString(2, table);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
