package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * A workspace's policy over HTTP: {@code PATCH} is a JSON Merge Patch that changes only what it names,
 * {@code PUT} replaces the whole policy and refuses a document missing a field, and a refused request
 * of either kind changes nothing. Concurrent patches of different fields all land.
 */
public abstract class PolicyTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String FULL = "{\"read_only\":false,\"four_eyes\":true,\"max_tool_calls_per_run\":7,"
            + "\"auto_approve\":[{\"tool\":\"http.fetch\",\"arguments\":{\"method\":\"GET\"}}],"
            + "\"egress\":{\"allow_hosts\":[\"api.example.com\"],\"deny_hosts\":[\"evil.example.com\"],"
            + "\"private_cidrs\":[\"10.1.0.0/16\"]},"
            + "\"tainted_calls\":{\"read\":\"allow\",\"write\":\"approve\",\"destructive\":\"deny\"}}";

    @Inject
    protected BundleContext context;

    private ServerApi server;
    private ServerApi.Workspace ws;

    @Before
    public void setUp() throws Exception {
        server = ServerApi.ready(context);
        ws = server.workspace("Policy");
        server.ok("PUT", path(), ws.ownerKey(), FULL);
    }

    @Test
    public void aPatchOfReadOnlyKeepsTheEgressListsAndTheLimits() throws Exception {
        HttpResponse<String> patched = patch(MERGE_PATCH, "{\"read_only\":true}");

        assertEquals(patched.body(), 200, patched.statusCode());
        JsonNode expected = JSON.readTree(FULL);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("read_only", true);
        assertEquals(expected, withoutVersion(JSON.readTree(patched.body())));
        assertEquals(expected, policy());

        // Plain JSON is a merge patch too; egress merges member by member.
        HttpResponse<String> json = patch("application/json", "{\"egress\":{\"deny_hosts\":[]}}");
        assertEquals(json.body(), 200, json.statusCode());
        assertEquals(
                "[\"api.example.com\"]",
                policy().path("egress").path("allow_hosts").toString());
        assertEquals("[]", policy().path("egress").path("deny_hosts").toString());
        assertEquals(7, policy().path("max_tool_calls_per_run").asInt());
    }

    @Test
    public void nullInAPatchResetsTheFieldToItsDefault() throws Exception {
        HttpResponse<String> patched =
                patch(MERGE_PATCH, "{\"max_tool_calls_per_run\":null,\"egress\":{\"private_cidrs\":null}}");

        assertEquals(patched.body(), 200, patched.statusCode());
        JsonNode now = policy();
        assertEquals(20, now.path("max_tool_calls_per_run").asInt());
        assertEquals("[]", now.path("egress").path("private_cidrs").toString());
        assertEquals(
                "[\"api.example.com\"]", now.path("egress").path("allow_hosts").toString());
        assertTrue(now.path("four_eyes").asBoolean());
    }

    @Test
    public void aPutMissingAFieldIs400ListingItAndChangesNothing() throws Exception {
        JsonNode before = policy();

        HttpResponse<String> partial = server.send("PUT", path(), ws.ownerKey(), "{\"read_only\":false}");

        assertEquals(partial.body(), 400, partial.statusCode());
        assertTrue(partial.body(), partial.body().contains("four_eyes, max_tool_calls_per_run, auto_approve, egress"));
        HttpResponse<String> noDenyList =
                server.send("PUT", path(), ws.ownerKey(), FULL.replace("\"deny_hosts\":[\"evil.example.com\"],", ""));
        assertEquals(noDenyList.body(), 400, noDenyList.statusCode());
        assertTrue(noDenyList.body(), noDenyList.body().contains("egress.deny_hosts"));
        assertEquals(before, policy());

        // The whole document, as GET answers it, is taken.
        String whole = FULL.replace("\"read_only\":false", "\"read_only\":true");
        assertEquals(JSON.readTree(whole), withoutVersion(server.ok("PUT", path(), ws.ownerKey(), whole)));
    }

    @Test
    public void aBadPatchIs400NamingTheFieldAndChangesNothing() throws Exception {
        JsonNode before = policy();

        HttpResponse<String> loopback =
                patch(MERGE_PATCH, "{\"read_only\":true,\"egress\":{\"private_cidrs\":[\"127.0.0.0/8\"]}}");
        assertEquals(loopback.body(), 400, loopback.statusCode());
        assertTrue(loopback.body(), loopback.body().contains("egress.private_cidrs[0]"));
        for (String bad : List.of("[]", "\"read_only\"", "{\"approvals\":\"all\"}", "{\"max_tool_calls_per_run\":0}")) {
            HttpResponse<String> refused = patch(MERGE_PATCH, bad);
            assertEquals(bad + ": " + refused.body(), 400, refused.statusCode());
            assertTrue(
                    refused.body(),
                    refused.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        }
        assertEquals(before, policy());
    }

    @Test
    public void concurrentPatchesOfDifferentFieldsAllLand() throws Exception {
        List<String> patches = List.of(
                "{\"read_only\":true}",
                "{\"four_eyes\":false}",
                "{\"max_tool_calls_per_run\":3}",
                "{\"auto_approve\":[]}",
                "{\"egress\":{\"allow_hosts\":[\"a.example.com\"]}}",
                "{\"egress\":{\"deny_hosts\":[\"b.example.com\"]}}",
                "{\"egress\":{\"private_cidrs\":[\"10.2.0.0/16\"]}}");
        ExecutorService pool = Executors.newFixedThreadPool(patches.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String body : patches) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return patch(MERGE_PATCH, body);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertEquals(answer.get().body(), 200, answer.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(
                JSON.readTree("{\"read_only\":true,\"four_eyes\":false,\"max_tool_calls_per_run\":3,"
                        + "\"auto_approve\":[],\"egress\":{\"allow_hosts\":[\"a.example.com\"],\"deny_hosts\":[\"b.example.com\"],"
                        + "\"private_cidrs\":[\"10.2.0.0/16\"]},"
                        + "\"tainted_calls\":{\"read\":\"allow\",\"write\":\"approve\",\"destructive\":\"deny\"}}"),
                policy());
    }

    @Test
    public void aPatchIsAuditedWithWhatChangedAndNeedsTheWriteRole() throws Exception {
        patch(MERGE_PATCH, "{\"read_only\":true}");

        JsonNode records = server.ok(
                        "GET",
                        "/api/v1/workspaces/" + ws.id() + "/audit?action=policy.update&limit=50",
                        ws.ownerKey(),
                        null)
                .path("items");
        boolean found = false;
        for (JsonNode record : records) {
            found |= record.path("reason_text").asText().equals("changed read_only false -> true");
        }
        assertTrue(records.toString(), found);

        HttpResponse<String> created = server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/api-keys",
                ws.ownerKey(),
                "{\"name\":\"viewer\",\"role\":\"viewer\"}");
        assertEquals(created.body(), 201, created.statusCode());
        String viewer = JSON.readTree(created.body()).path("key").asText();
        HttpResponse<String> refused = server.http()
                .send(server.request(path(), viewer)
                        .header("Content-Type", MERGE_PATCH)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"read_only\":false}")));
        assertEquals(refused.body(), 403, refused.statusCode());
        assertTrue(policy().path("read_only").asBoolean());
    }

    private String path() {
        return "/api/v1/workspaces/" + ws.id() + "/policy";
    }

    /** The policy without its version (a digest of the rest, checked by {@link #theVersionChangesWithThePolicy}). */
    private JsonNode policy() throws Exception {
        return withoutVersion(server.ok("GET", path(), ws.ownerKey(), null));
    }

    private static JsonNode withoutVersion(JsonNode policy) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) policy).remove("version");
        return policy;
    }

    @Test
    public void theVersionChangesWithThePolicy() throws Exception {
        String before =
                server.ok("GET", path(), ws.ownerKey(), null).path("version").asText();
        assertTrue(before, before.matches("[0-9a-f]{64}"));
        assertEquals(
                before,
                server.ok("GET", path(), ws.ownerKey(), null).path("version").asText());

        patch(MERGE_PATCH, "{\"tainted_calls\":{\"write\":\"deny\"}}");

        JsonNode after = server.ok("GET", path(), ws.ownerKey(), null);
        assertEquals("deny", after.path("tainted_calls").path("write").asText());
        assertTrue(!before.equals(after.path("version").asText()));
        HttpResponse<String> readOnly = patch(MERGE_PATCH, "{\"version\":\"" + before + "\"}");
        assertEquals(readOnly.body(), 400, readOnly.statusCode());
    }

    private HttpResponse<String> patch(String contentType, String body) {
        return server.http()
                .send(server.request(path(), ws.ownerKey())
                        .header("Content-Type", contentType)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }
}
