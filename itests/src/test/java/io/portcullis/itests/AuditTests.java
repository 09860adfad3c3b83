package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * The audit log in a running server: API requests, authentication failures and credential use land
 * in the right chain with the right fields; another workspace's chain is invisible; a large export
 * streams and verifies. Run on H2 and on PostgreSQL.
 */
public abstract class AuditTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Credentials bind only to an installed plugin that declares vault.use: the shipped one, uploaded. */
    private static final String PLUGIN = "io.portcullis.tool.http";

    @Inject
    protected BundleContext context;

    private ServerApi server;

    @Before
    public void awaitServer() throws Exception {
        server = ServerApi.ready(context);
    }

    @Test
    public void requestsAuthFailuresAndCredentialUseAreRecordedInTheirChains() throws Exception {
        ServerApi.Workspace a = server.workspace("Audit A");
        ServerApi.Workspace b = server.workspace("Audit B");

        // Base 36: a long run of digits can pass the card-number check and come back redacted.
        String requestId = "it-audit-" + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> members =
                server.send("GET", "/api/v1/workspaces/" + a.id() + "/members", a.ownerKey(), null, requestId);
        assertEquals(200, members.statusCode());
        JsonNode request = only(records(a, "action=http.request"), "request_id", requestId);
        assertEquals(
                "GET /api/v1/workspaces/{ws}/members", request.path("target").asText());
        assertEquals("allowed", request.path("decision").asText());
        assertEquals(200, request.path("result_status").asInt());
        assertEquals(a.id(), request.path("workspace_id").asText());
        // A key acts as its member: the member is the actor, the key the credential.
        assertEquals("member", request.path("actor").path("kind").asText());
        assertEquals(
                a.ownerKey().split("_")[1],
                request.path("actor").path("credential_id").asText());

        // A wrong key: an auth.failure on the platform chain, never the key itself.
        String wrongKey = "pk_" + "0".repeat(24) + "_" + "1".repeat(64);
        String failedId = "it-auth-" + Long.toString(System.nanoTime(), 36);
        assertEquals(
                401,
                server.send("GET", "/api/v1/workspaces/" + a.id() + "/members", wrongKey, null, failedId)
                        .statusCode());
        HttpResponse<String> platform =
                server.send("GET", "/api/v1/audit?action=auth.failure&limit=200", server.admin(), null);
        assertEquals(platform.body(), 200, platform.statusCode());
        JsonNode failure = only(JSON.readTree(platform.body()).path("items"), "request_id", failedId);
        assertEquals("denied", failure.path("decision").asText());
        assertFalse(platform.body(), platform.body().contains("1".repeat(64)));

        // A credential created, bound and used by a plugin: each step on A's chain.
        if (server.send("GET", "/api/v1/plugins/" + PLUGIN, server.admin(), null)
                        .statusCode()
                == 404) {
            server.upload(java.nio.file.Path.of(System.getProperty("portcullis.tool.http")));
        }
        HttpResponse<String> created = server.send(
                "POST",
                "/api/v1/workspaces/" + a.id() + "/credentials",
                a.ownerKey(),
                "{\"name\":\"audited\",\"kind\":\"api_key\",\"value\":\"audited-value-"
                        + Long.toString(System.nanoTime(), 36) + "\"}");
        assertEquals(created.body(), 201, created.statusCode());
        String credentialId = JSON.readTree(created.body()).path("id").asText();
        assertEquals(
                204,
                server.send(
                                "PUT",
                                "/api/v1/workspaces/" + a.id() + "/credentials/" + credentialId + "/bindings/" + PLUGIN,
                                a.ownerKey(),
                                null)
                        .statusCode());
        CredentialUse use = context.getService(context.getServiceReference(CredentialUse.class));
        CredentialHandle handle = use.handle(a.id(), PLUGIN, credentialId).orElseThrow();
        try (SecretValue value = use.open(handle)) {
            assertTrue(value.chars().length > 0);
        }
        assertFalse(records(a, "action=credential.create").isEmpty());
        JsonNode used = records(a, "action=credential.use").get(0);
        assertEquals("plugin", used.path("actor").path("kind").asText());
        assertEquals(PLUGIN, used.path("actor").path("id").asText());
        assertTrue(used.path("target").asText().contains(credentialId));

        // B sees none of it, and A's key cannot read B's chain (the same 404 as a missing workspace).
        HttpResponse<String> foreign =
                server.send("GET", "/api/v1/workspaces/" + b.id() + "/audit", a.ownerKey(), null);
        assertEquals(404, foreign.statusCode());
        HttpResponse<String> bOwn =
                server.send("GET", "/api/v1/workspaces/" + b.id() + "/audit?limit=200", b.ownerKey(), null);
        assertEquals(bOwn.body(), 200, bOwn.statusCode());
        assertFalse(bOwn.body().contains(requestId));
        assertFalse(bOwn.body().contains(credentialId));

        // A viewer reads the workspace but not its audit.
        HttpResponse<String> viewerKey = server.send(
                "POST",
                "/api/v1/workspaces/" + a.id() + "/api-keys",
                a.ownerKey(),
                "{\"name\":\"viewer\",\"role\":\"viewer\"}");
        String viewer = JSON.readTree(viewerKey.body()).path("key").asText();
        assertEquals(
                200,
                server.send("GET", "/api/v1/workspaces/" + a.id() + "/members", viewer, null)
                        .statusCode());
        assertEquals(
                403,
                server.send("GET", "/api/v1/workspaces/" + a.id() + "/audit", viewer, null)
                        .statusCode());

        JsonNode verify =
                JSON.readTree(server.send("GET", "/api/v1/workspaces/" + a.id() + "/audit/verify", a.ownerKey(), null)
                        .body());
        assertTrue(verify.toString(), verify.path("ok").asBoolean());
    }

    @Test
    public void aLargeExportStreamsEveryRecordInOrderAndVerifies() throws Exception {
        ServerApi.Workspace w = server.workspace("Audit export");
        AuditLog log = context.getService(context.getServiceReference(AuditLog.class));
        int records = 20_000;
        ExecutorService writers = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            int thread = t;
            done.add(writers.submit(() -> {
                for (int i = thread; i < records; i += 32) {
                    log.append(AuditEvent.allowed(
                            w.id(), new Actor(Actor.SYSTEM, "itest", null), "itest.load", "item:" + i, null));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        writers.shutdown();

        HttpResponse<String> export =
                server.send("GET", "/api/v1/workspaces/" + w.id() + "/audit/export", w.ownerKey(), null);
        assertEquals(200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("application/jsonl"));
        assertFalse(
                "streamed, not sized up front",
                export.headers().firstValue("Content-Length").isPresent());
        String[] lines = export.body().split("\n");
        assertTrue("every record exported: " + lines.length, lines.length >= records);
        long previous = 0;
        int load = 0;
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertEquals(previous + 1, record.path("sequence").asLong());
            previous = record.path("sequence").asLong();
            load += record.path("action").asText().equals("itest.load") ? 1 : 0;
        }
        assertEquals(records, load);
        JsonNode verify =
                JSON.readTree(server.send("GET", "/api/v1/workspaces/" + w.id() + "/audit/verify", w.ownerKey(), null)
                        .body());
        assertTrue(verify.toString(), verify.path("ok").asBoolean());
        assertTrue(verify.toString(), verify.path("checked").asLong() >= records);
    }

    private JsonNode records(ServerApi.Workspace w, String query) throws Exception {
        HttpResponse<String> response =
                server.send("GET", "/api/v1/workspaces/" + w.id() + "/audit?limit=200&" + query, w.ownerKey(), null);
        assertEquals(response.body(), 200, response.statusCode());
        return JSON.readTree(response.body()).path("items");
    }

    private static JsonNode only(JsonNode items, String field, String value) {
        JsonNode found = null;
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                assertTrue("one record with " + field + " " + value, found == null);
                found = item;
            }
        }
        assertNotNull("a record with " + field + " " + value + " in " + items, found);
        return found;
    }
}
