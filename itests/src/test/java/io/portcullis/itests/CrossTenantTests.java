package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.store.Database;
import io.portcullis.web.Route;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * Two workspaces with data; every route the web bundle serves, enumerated from the route services
 * so that routes added later are covered too, is called with workspace A's owner key against B.
 * Run on H2 and on PostgreSQL (as a role that owns the tables, so row-level security applies).
 */
public abstract class CrossTenantTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Created once per framework: the test class is loaded once inside it. */
    private static Tenant a;

    private static Tenant b;

    @Inject
    protected BundleContext context;

    private ServerApi server;

    record Tenant(
            String workspaceId,
            String name,
            String ownerId,
            String ownerName,
            String ownerKey,
            String keyId,
            String credentialId,
            String credentialValue,
            String approvalId,
            String profileId,
            String agentId,
            String conversationId,
            String runId,
            String reviewId) {}

    /** Whether the engine enforces row-level security (PostgreSQL) or not (H2). */
    protected abstract boolean rowLevelSecurity();

    @Before
    public void createTwoWorkspaces() throws Exception {
        server = ServerApi.ready(context);
        if (a == null) {
            server.upload(Path.of(System.getProperty("portcullis.tool.http")));
            server.grant("io.portcullis.tool.http", "net.egress", "vault.use");
            new AgentApi(server).activatePlugins();
            a = createWorkspace("Alpha " + Long.toString(System.nanoTime(), 36));
            b = createWorkspace("Bravo " + Long.toString(System.nanoTime(), 36));
        }
    }

    @Test
    public void everyWorkspaceRouteAnswersAForeignWorkspaceLikeAMissingOne() throws Exception {
        List<Route> bound = ServerApi.registeredRoutes(context).stream()
                .filter(r -> r.access().workspaceBound())
                .toList();
        assertFalse("the tenancy bundle serves workspace routes", bound.isEmpty());
        for (Route route : bound) {
            HttpResponse<String> foreign = call(route, fill(route.path(), b), a.ownerKey());
            HttpResponse<String> missing = call(
                    route, fill(route.path(), b).replace(b.workspaceId(), "000000000000000000000000"), a.ownerKey());
            String what = route.method() + " " + route.path() + ": " + foreign.statusCode() + " " + foreign.body();
            assertEquals(what, 404, foreign.statusCode());
            assertEquals(what, withoutRequestFields(missing.body()), withoutRequestFields(foreign.body()));
            assertNoDataOf(b, foreign.body(), what);
        }
    }

    @Test
    public void theOwnerOfEachWorkspaceStillReadsItsOwnResources() throws Exception {
        int reads = 0;
        for (Route route : ServerApi.registeredRoutes(context)) {
            if (route.access().workspaceBound() && route.method().name().equals("GET")) {
                HttpResponse<String> own = call(route, fill(route.path(), b), b.ownerKey());
                assertEquals(route.path() + ": " + own.body(), 200, own.statusCode());
                reads++;
            }
        }
        assertTrue("some workspace routes can be read", reads > 0);
    }

    @Test
    public void otherRoutesNeverShowAnotherWorkspacesData() throws Exception {
        for (Route route : ServerApi.registeredRoutes(context)) {
            if (route.access().workspaceBound() || route.path().startsWith("/fixture")) {
                continue;
            }
            HttpResponse<String> response = call(route, fill(route.path(), b), a.ownerKey());
            String what = route.method() + " " + route.path() + ": " + response.statusCode() + " " + response.body();
            assertNoDataOf(b, response.body(), what);
            if (route.access().permission() != null
                    && route.access().permission().startsWith("platform:")) {
                assertTrue(what, response.statusCode() == 403 || response.statusCode() == 404);
            }
        }
    }

    @Test
    public void aTenantHeaderDoesNotSwitchTheWorkspace() {
        HttpResponse<String> members = server.http()
                .send(server.request("/api/v1/workspaces/" + a.workspaceId() + "/members", a.ownerKey())
                        .header("X-Tenant-Id", b.workspaceId())
                        .header("X-Workspace-Id", b.workspaceId())
                        .GET());
        assertEquals(members.body(), 200, members.statusCode());
        assertTrue(members.body(), members.body().contains(a.ownerId()));
        assertNoDataOf(b, members.body(), "members with a tenant header");
    }

    @Test
    public void anotherWorkspacesIdsInMyOwnPathsAreMissing() throws Exception {
        HttpResponse<String> revoke = server.send(
                "DELETE", "/api/v1/workspaces/" + a.workspaceId() + "/api-keys/" + b.keyId(), a.ownerKey(), null);
        assertEquals(revoke.body(), 404, revoke.statusCode());
        HttpResponse<String> demote = server.send(
                "PATCH",
                "/api/v1/workspaces/" + a.workspaceId() + "/members/" + b.ownerId(),
                a.ownerKey(),
                "{\"role\":\"viewer\"}");
        assertEquals(demote.body(), 404, demote.statusCode());
        // B is untouched: its key still works and its owner is still the owner.
        HttpResponse<String> bMembers =
                server.send("GET", "/api/v1/workspaces/" + b.workspaceId() + "/members", b.ownerKey(), null);
        assertEquals(200, bMembers.statusCode());
        assertTrue(bMembers.body(), bMembers.body().contains("owner"));
    }

    @Test
    public void withoutAWorkspaceTheDatabaseShowsNoWorkspaceRows() throws Exception {
        Database database = context.getService(context.getServiceReference(Database.class));
        long withoutWorkspace = count(database, null, "SELECT COUNT(*) FROM tenancy.members");
        long inA = count(database, a.workspaceId(), "SELECT COUNT(*) FROM tenancy.members");
        long foreignInA = count(
                database,
                a.workspaceId(),
                "SELECT COUNT(*) FROM tenancy.members WHERE workspace_id <> '" + a.workspaceId() + "'");
        assertTrue("A's owner is visible in A", inA >= 1);
        long credentialsWithoutWorkspace = count(database, null, "SELECT COUNT(*) FROM vault.credentials");
        long credentialsInA = count(database, a.workspaceId(), "SELECT COUNT(*) FROM vault.credentials");
        assertTrue("A's credential is visible in A", credentialsInA >= 1);
        // The agent schema: every table of it holds rows of both workspaces (an agent, a conversation, a
        // handed-off run with its steps, events and review item).
        for (String table : List.of("agents", "conversations", "messages", "runs", "run_events", "review_items")) {
            long rowsInA = count(database, a.workspaceId(), "SELECT COUNT(*) FROM agent." + table);
            assertTrue("A's " + table + " are visible in A", rowsInA >= 1);
            long without = count(database, null, "SELECT COUNT(*) FROM agent." + table);
            long foreign = count(
                    database,
                    a.workspaceId(),
                    "SELECT COUNT(*) FROM agent." + table + " WHERE workspace_id <> '" + a.workspaceId() + "'");
            if (rowLevelSecurity()) {
                assertEquals("no workspace set: no " + table, 0, without);
                assertEquals("only A's " + table + " in A", 0, foreign);
            } else {
                assertTrue("H2 has no row-level security: " + table, without >= 2 && foreign >= 1);
            }
        }
        if (rowLevelSecurity()) {
            assertEquals("no workspace set: no credentials", 0, credentialsWithoutWorkspace);
            assertEquals(
                    "only A's credentials in A",
                    0,
                    count(
                            database,
                            a.workspaceId(),
                            "SELECT COUNT(*) FROM vault.credentials WHERE workspace_id <> '" + a.workspaceId() + "'"));
            assertEquals("no workspace set: no rows", 0, withoutWorkspace);
            assertEquals("only A's rows in A", 0, foreignInA);
        } else {
            assertTrue("H2 has no row-level security", withoutWorkspace >= 2);
        }
    }

    private static long count(Database database, String workspace, String sql) throws Exception {
        return workspace == null
                ? database.inTransaction(c -> single(c.createStatement().executeQuery(sql)))
                : database.inWorkspace(
                        workspace, c -> single(c.createStatement().executeQuery(sql)));
    }

    private static long single(ResultSet rs) throws java.sql.SQLException {
        rs.next();
        return rs.getLong(1);
    }

    private Tenant createWorkspace(String name) throws Exception {
        String ownerName = "Owner of " + name;
        HttpResponse<String> created = server.send(
                "POST",
                "/api/v1/workspaces",
                server.admin(),
                "{\"name\":\"" + name + "\",\"owner\":{\"name\":\"" + ownerName + "\"}}");
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode body = JSON.readTree(created.body());
        String workspaceId = body.path("workspace").path("id").asText();
        String ownerKey = body.path("api_key").path("key").asText();
        HttpResponse<String> key = server.send(
                "POST",
                "/api/v1/workspaces/" + workspaceId + "/api-keys",
                ownerKey,
                "{\"name\":\"second key of " + name + "\"}");
        assertEquals(key.body(), 201, key.statusCode());
        String value = "value of " + name + " " + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> credential = server.send(
                "POST",
                "/api/v1/workspaces/" + workspaceId + "/credentials",
                ownerKey,
                "{\"name\":\"credential of " + name + "\",\"kind\":\"other\",\"value\":\"" + value + "\"}");
        assertEquals(credential.body(), 201, credential.statusCode());
        HttpResponse<String> profile = server.send(
                "POST",
                "/api/v1/workspaces/" + workspaceId + "/models",
                ownerKey,
                "{\"name\":\"assistant\",\"plugin\":\"io.portcullis.model.openai\",\"model\":\"gpt-4o-mini\"}");
        assertEquals(profile.body(), 201, profile.statusCode());
        Agent agent = agent(new ServerApi.Workspace(workspaceId, ownerKey), name);
        return new Tenant(
                workspaceId,
                name,
                body.path("owner").path("id").asText(),
                ownerName,
                ownerKey,
                JSON.readTree(key.body()).path("id").asText(),
                JSON.readTree(credential.body()).path("id").asText(),
                value,
                approval(workspaceId, ownerKey),
                JSON.readTree(profile.body()).path("id").asText(),
                agent.id(),
                agent.conversationId(),
                agent.runId(),
                agent.reviewId());
    }

    record Agent(String id, String conversationId, String runId, String reviewId) {}

    /**
     * An agent of the scripted model with a conversation, and a run of it that a handoff keyword ended
     * (so that it also left a review item): every agent route then has an id of the workspace to read.
     */
    private Agent agent(ServerApi.Workspace ws, String name) throws Exception {
        AgentApi agents = new AgentApi(server);
        agents.prepare(ws);
        JsonNode agent = agents.agent(
                ws,
                "agent-of-" + ws.id().toLowerCase(java.util.Locale.ROOT),
                List.of(java.util.Map.of("text", "answer of " + name)),
                java.util.Map.of(
                        "handoff", java.util.Map.of("keywords", List.of("human"), "message", "handoff of " + name)));
        String conversation = agents.conversation(ws, agent.path("id").asText());
        String run = agents.start(ws, conversation, "message of " + name + ": a human please");
        assertEquals("handed_off", agents.awaitEnd(ws, run).path("state").asText());
        String review = agents.review(ws).stream()
                .filter(i -> i.path("run_id").asText().equals(run))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no review item for run " + run))
                .path("id")
                .asText();
        return new Agent(agent.path("id").asText(), conversation, run, review);
    }

    /** A pending approval: http.fetch enabled, then a POST (risk write) through it. */
    private String approval(String workspaceId, String ownerKey) throws Exception {
        server.ok("PUT", "/api/v1/workspaces/" + workspaceId + "/plugins/io.portcullis.tool.http", ownerKey, null);
        HttpResponse<String> waiting = server.send(
                "POST",
                "/api/v1/workspaces/" + workspaceId + "/tools/http.fetch/invocations",
                ownerKey,
                "{\"arguments\":{\"url\":\"https://example.com/\",\"method\":\"POST\",\"body\":\"{}\"}}");
        assertEquals(waiting.body(), 202, waiting.statusCode());
        return JSON.readTree(waiting.body()).path("approval_id").asText();
    }

    /**
     * The path with B's ids: {ws} its workspace, an {id} of members its owner, of credentials its
     * credential, of approvals its approval, of models its model profile, of agents its agent (version 1),
     * of conversations its conversation, of runs its run, of review its review item, any other {id} its key.
     */
    private static String fill(String template, Tenant tenant) {
        String path = template.replace("{ws}", tenant.workspaceId());
        path = path.contains("/approvals/{") ? path.replaceAll("\\{[^}]+}", tenant.approvalId()) : path;
        path = path.contains("/members/{") ? path.replaceAll("\\{[^}]+}", tenant.ownerId()) : path;
        path = path.contains("/credentials/{") ? path.replaceAll("\\{[^}]+}", tenant.credentialId()) : path;
        path = path.contains("/models/{") ? path.replaceAll("\\{[^}]+}", tenant.profileId()) : path;
        path = path.contains("/agents/{")
                ? path.replace("{version}", "1").replaceAll("\\{[^}]+}", tenant.agentId())
                : path;
        path = path.contains("/conversations/{") ? path.replaceAll("\\{[^}]+}", tenant.conversationId()) : path;
        path = path.contains("/runs/{") ? path.replaceAll("\\{[^}]+}", tenant.runId()) : path;
        path = path.contains("/review/{") ? path.replaceAll("\\{[^}]+}", tenant.reviewId()) : path;
        return path.replaceAll("\\{[^}]+}", tenant.keyId());
    }

    private HttpResponse<String> call(Route route, String path, String key) {
        String body = route.method().hasBody() ? "{\"name\":\"x\",\"role\":\"viewer\"}" : null;
        return server.send(route.method().name(), path, key, body);
    }

    private static void assertNoDataOf(Tenant tenant, String body, String what) {
        for (String secretOrName : List.of(
                tenant.name(),
                tenant.ownerName(),
                tenant.ownerKey(),
                "second key of",
                "credential of",
                "answer of " + tenant.name(),
                "handoff of " + tenant.name(),
                "message of " + tenant.name(),
                tenant.credentialValue())) {
            assertFalse(what + " leaks '" + secretOrName + "'", body.contains(secretOrName));
        }
    }

    private static String withoutRequestFields(String body) throws Exception {
        JsonNode node = JSON.readTree(body);
        if (node instanceof ObjectNode object) {
            object.remove("instance");
            object.remove("request_id");
        }
        assertNotEquals("", node.toString());
        return node.toString();
    }
}
