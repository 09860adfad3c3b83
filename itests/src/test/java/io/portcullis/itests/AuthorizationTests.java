package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * A person, not a key, is the unit of trust, through the HTTP API of a real server: every key acts as
 * one member and never above the member's current role; nobody mints a key for someone else beyond
 * their rights; four eyes compares members; the requester reads the outcome of an approved call; a
 * member reads their own workspace; revoking a rotation's new key ends the old one's grace; a 403
 * names the role it needs; and tenancy's audit records carry the outcome.
 */
public abstract class AuthorizationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTP = "io.portcullis.tool.http";

    @Inject
    protected BundleContext context;

    private ServerApi server;

    @Before
    public void setUp() throws Exception {
        server = ServerApi.ready(context);
    }

    /** A member who joined {@code ws} through an invite with {@code role}: their id and first key. */
    record Member(String id, String key) {}

    @Test
    public void demotingAMemberCapsEveryKeyActingAsThemAtOnce() throws Exception {
        ServerApi.Workspace ws = server.workspace("Demote");
        Member bob = join(ws, "Bob", "admin");
        String second = key(ws, bob.key(), "{\"name\":\"bob-ci\",\"role\":\"admin\"}");
        for (String key : new String[] {bob.key(), second}) {
            assertEquals(200, server.send("GET", members(ws), key, null).statusCode());
            assertEquals(
                    201, server.send("POST", keys(ws), key, "{\"name\":\"k\"}").statusCode()); // admin may
        }

        patch(ws, bob.id(), "viewer");

        for (String key : new String[] {bob.key(), second}) {
            HttpResponse<String> refused = server.send("POST", keys(ws), key, "{\"name\":\"k\"}");
            assertEquals(refused.body(), 403, refused.statusCode());
            assertTrue(
                    refused.body(),
                    JSON.readTree(refused.body()).path("detail").asText().contains("requires role admin"));
            assertEquals(
                    "a viewer still reads",
                    200,
                    server.send("GET", members(ws), key, null).statusCode());
        }
        JsonNode listed =
                server.ok("GET", keys(ws) + "?limit=100", ws.ownerKey(), null).path("items");
        int bobs = 0;
        for (JsonNode key : listed) {
            assertTrue(key.toString(), key.hasNonNull("member_id"));
            if (key.path("member_id").asText().equals(bob.id())) {
                bobs++;
                assertEquals(
                        key.toString(), "viewer", key.path("effective_role").asText());
            } else {
                assertEquals(
                        key.toString(),
                        key.path("role").asText(),
                        key.path("effective_role").asText());
            }
        }
        assertEquals(listed.toString(), 4, bobs); // the invite's key, bob-ci and one made by each

        assertEquals(
                204,
                server.send("DELETE", members(ws) + "/" + bob.id(), ws.ownerKey(), null)
                        .statusCode());
        assertEquals(401, server.send("GET", members(ws), second, null).statusCode());
    }

    /** {@code /me} names the key, its member and workspace, and the effective role, demotions included. */
    @Test
    public void meAnswersWhoTheKeyIsAndTheRoleItActsWithNow() throws Exception {
        ServerApi.Workspace ws = server.workspace("Me");
        Member bob = join(ws, "Bob", "admin");
        String second = key(ws, bob.key(), "{\"name\":\"bob-ci\",\"role\":\"admin\"}");

        JsonNode me = server.ok("GET", "/api/v1/me", second, null);
        assertTrue(me.toString(), second.startsWith("pk_" + me.path("key_id").asText() + "_"));
        assertEquals(me.toString(), ws.id(), me.path("workspace_id").asText());
        assertEquals(me.toString(), bob.id(), me.path("member").path("id").asText());
        assertEquals(me.toString(), "Bob", me.path("member").path("name").asText());
        assertEquals(me.toString(), "admin", me.path("key_role").asText());
        assertEquals(me.toString(), "admin", me.path("member_role").asText());
        assertEquals(me.toString(), "admin", me.path("effective_role").asText());
        assertFalse(me.toString(), me.path("platform_admin").asBoolean(true));
        assertFalse("no secret in the answer", me.toString().contains(second));

        patch(ws, bob.id(), "viewer");

        JsonNode demoted = server.ok("GET", "/api/v1/me", second, null);
        assertEquals(demoted.toString(), "admin", demoted.path("key_role").asText());
        assertEquals(demoted.toString(), "viewer", demoted.path("member_role").asText());
        assertEquals(
                demoted.toString(), "viewer", demoted.path("effective_role").asText());

        JsonNode platform = server.ok("GET", "/api/v1/me", server.admin(), null);
        assertTrue(platform.toString(), platform.path("platform_admin").asBoolean());
        assertEquals(
                platform.toString(), "platform", platform.path("effective_role").asText());
        assertTrue(platform.toString(), platform.path("workspace_id").isNull());
        assertEquals(401, server.send("GET", "/api/v1/me", null, null).statusCode());
        assertEquals(401, server.send("GET", "/api/v1/me", second + "x", null).statusCode());
    }

    @Test
    public void nobodyMintsAKeyForSomeoneElseAboveOrBesideTheirRights() throws Exception {
        ServerApi.Workspace ws = server.workspace("Mint");
        String ownerId = ownerId(ws);
        Member admin = join(ws, "Ada", "admin");
        Member viewer = join(ws, "Vic", "viewer");

        for (String target : new String[] {ownerId, viewer.id()}) {
            HttpResponse<String> refused = server.send(
                    "POST",
                    keys(ws),
                    admin.key(),
                    "{\"name\":\"k\",\"role\":\"viewer\",\"member_id\":\"" + target + "\"}");
            assertEquals(refused.body(), 403, refused.statusCode());
            assertTrue(refused.body(), refused.body().contains("requires role owner"));
        }
        HttpResponse<String> own = server.send("POST", keys(ws), admin.key(), "{\"name\":\"mine\",\"role\":\"admin\"}");
        assertEquals(own.body(), 201, own.statusCode());
        assertEquals(admin.id(), JSON.readTree(own.body()).path("member_id").asText());

        HttpResponse<String> forViewer = server.send(
                "POST",
                keys(ws),
                ws.ownerKey(),
                "{\"name\":\"for-vic\",\"role\":\"viewer\",\"member_id\":\"" + viewer.id() + "\"}");
        assertEquals(forViewer.body(), 201, forViewer.statusCode());
        String keyId = JSON.readTree(forViewer.body()).path("id").asText();
        JsonNode records = audit(ws, "api_key.create");
        assertTrue(records.toString(), contains(records, "api_key:" + keyId, "allowed"));
        for (JsonNode record : records) {
            if (record.path("target").asText().equals("api_key:" + keyId)) {
                assertEquals(
                        record.toString(),
                        "for_other_member",
                        record.path("reason_code").asText());
            }
        }
        assertEquals(2, count(records, "denied"));
    }

    @Test
    public void fourEyesComparesMembersAndTheRequesterReadsTheOutcome() throws Exception {
        server.activate(HTTP, Path.of(System.getProperty("portcullis.tool.http")), "net.egress", "vault.use");
        ServerApi.Workspace ws = server.workspace("Four eyes");
        server.ok("PUT", "/api/v1/workspaces/" + ws.id() + "/plugins/" + HTTP, ws.ownerKey(), null);
        server.ok("PATCH", "/api/v1/workspaces/" + ws.id() + "/policy", ws.ownerKey(), "{\"four_eyes\":true}");
        Member operator = join(ws, "Otto", "operator");

        HttpResponse<String> waiting = server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/tools/http.fetch/invocations",
                ws.ownerKey(),
                JSON.writeValueAsString(Map.of(
                        "arguments", Map.of("url", "http://127.0.0.1:1/items", "method", "POST", "body", "{}"))));
        assertEquals(waiting.body(), 202, waiting.statusCode());
        String approval = "/api/v1/workspaces/" + ws.id() + "/approvals/"
                + JSON.readTree(waiting.body()).path("approval_id").asText();

        // The requester's second key is the requester.
        String ownersSecond = key(ws, ws.ownerKey(), "{\"name\":\"second\",\"role\":\"owner\"}");
        HttpResponse<String> self = server.send("POST", approval + "/approve", ownersSecond, null);
        assertEquals(self.body(), 403, self.statusCode());
        assertEquals(
                "pending",
                server.ok("GET", approval, ws.ownerKey(), null).path("status").asText());

        JsonNode approved = server.ok("POST", approval + "/approve", operator.key(), null);
        assertTrue(approved.toString(), approved.hasNonNull("invocation"));
        JsonNode read = server.ok("GET", approval, ws.ownerKey(), null);
        assertEquals(
                read.toString(),
                approved.path("status").asText(),
                read.path("status").asText());
        assertEquals(
                "the requester reads what the approver read", approved.path("invocation"), read.path("invocation"));
    }

    @Test
    public void aMemberReadsTheirOwnWorkspaceAndNoOther() throws Exception {
        ServerApi.Workspace ws = server.workspace("Own");
        ServerApi.Workspace other = server.workspace("Other");
        Member viewer = join(ws, "Vic", "viewer");

        JsonNode own = server.ok("GET", "/api/v1/workspaces/" + ws.id(), ws.ownerKey(), null);
        assertEquals(ws.id(), own.path("id").asText());
        assertEquals("owner", own.path("role").asText());
        assertTrue(own.toString(), own.hasNonNull("name") && own.hasNonNull("created_at"));
        assertEquals(
                "viewer",
                server.ok("GET", "/api/v1/workspaces/" + ws.id(), viewer.key(), null)
                        .path("role")
                        .asText());
        assertEquals(
                404,
                server.send("GET", "/api/v1/workspaces/" + other.id(), ws.ownerKey(), null)
                        .statusCode());
        assertFalse(server.ok("GET", "/api/v1/workspaces/" + ws.id(), server.admin(), null)
                .has("role"));
    }

    /** Subjects are bound per workspace: one bound elsewhere is no 409 here (no oracle, no squatting). */
    @Test
    public void aJwtSubjectBoundInOneWorkspaceIsFreeInAnother() throws Exception {
        ServerApi.Workspace a = server.workspace("Subject A");
        ServerApi.Workspace b = server.workspace("Subject B");
        String subject = "{\"subject\":\"idp|ada\"}";
        HttpResponse<String> first =
                server.send("PUT", members(a) + "/" + ownerId(a) + "/subject", a.ownerKey(), subject);
        assertEquals(first.body(), 200, first.statusCode());

        HttpResponse<String> other =
                server.send("PUT", members(b) + "/" + ownerId(b) + "/subject", b.ownerKey(), subject);
        assertEquals(other.body(), 200, other.statusCode());

        Member ann = join(a, "Ann", "viewer");
        HttpResponse<String> twice =
                server.send("PUT", members(a) + "/" + ann.id() + "/subject", a.ownerKey(), subject);
        assertEquals("one member per subject within a workspace: " + twice.body(), 409, twice.statusCode());
    }

    @Test
    public void revokingTheNewKeyOfARotationEndsTheOldKeysGrace() throws Exception {
        ServerApi.Workspace ws = server.workspace("Rotate");
        String old = key(ws, ws.ownerKey(), "{\"name\":\"leaked\",\"role\":\"admin\"}");
        String oldId = old.split("_")[1];
        JsonNode rotated = JSON.readTree(server.send("POST", keys(ws) + "/" + oldId + "/rotate", ws.ownerKey(), null)
                .body());
        assertEquals(
                "the old key works in its grace",
                200,
                server.send("GET", members(ws), old, null).statusCode());

        assertEquals(
                204,
                server.send("DELETE", keys(ws) + "/" + rotated.path("id").asText(), ws.ownerKey(), null)
                        .statusCode());

        assertEquals(
                401,
                server.send("GET", members(ws), rotated.path("key").asText(), null)
                        .statusCode());
        assertEquals(401, server.send("GET", members(ws), old, null).statusCode());
        assertEquals(200, server.send("GET", members(ws), ws.ownerKey(), null).statusCode());
    }

    @Test
    public void tenancyRecordsTheOutcomeNotTheIntent() throws Exception {
        ServerApi.Workspace ws = server.workspace("Truth");
        ServerApi.Workspace other = server.workspace("Elsewhere");
        String foreign = ownerId(other);

        assertEquals(
                404,
                server.send("PATCH", members(ws) + "/" + foreign, ws.ownerKey(), "{\"role\":\"viewer\"}")
                        .statusCode());
        assertEquals(
                404,
                server.send("POST", keys(ws), ws.ownerKey(), "{\"name\":\"k\",\"member_id\":\"" + foreign + "\"}")
                        .statusCode());
        Member bob = join(ws, "Bob", "operator");
        patch(ws, bob.id(), "viewer");

        JsonNode roleChanges = audit(ws, "member.role_change");
        assertTrue(roleChanges.toString(), contains(roleChanges, "member:" + foreign, "denied"));
        assertFalse(roleChanges.toString(), contains(roleChanges, "member:" + foreign, "allowed"));
        assertTrue(roleChanges.toString(), contains(roleChanges, "member:" + bob.id(), "allowed"));
        JsonNode creates = audit(ws, "api_key.create");
        assertEquals(creates.toString(), 0, count(creates, "allowed"));
        assertEquals(creates.toString(), 1, count(creates, "denied"));
    }

    @Test
    public void creatingAndDeletingAWorkspaceAreNamedRecordsOnThePlatformChain() throws Exception {
        ServerApi.Workspace ws = server.workspace("Short-lived");
        assertEquals(
                204,
                server.send("DELETE", "/api/v1/workspaces/" + ws.id(), server.admin(), null)
                        .statusCode());
        assertEquals(
                404,
                server.send("DELETE", "/api/v1/workspaces/" + ws.id(), server.admin(), null)
                        .statusCode());

        for (String action : new String[] {"workspace.create", "workspace.delete"}) {
            JsonNode records = server.ok("GET", "/api/v1/audit?action=" + action + "&limit=100", server.admin(), null)
                    .path("items");
            assertTrue(action + ": " + records, contains(records, "workspace:" + ws.id(), "allowed"));
        }
        JsonNode deletes = server.ok("GET", "/api/v1/audit?action=workspace.delete&limit=100", server.admin(), null)
                .path("items");
        assertTrue("the second delete found nothing: " + deletes, contains(deletes, "workspace:" + ws.id(), "denied"));
    }

    /**
     * Tenancy records each change inside its transaction; more concurrent changes than the pool has
     * connections must still all commit (none left waiting for an audit writer with no connection).
     */
    @Test
    public void concurrentChangesAllCommitWithTheirRecords() throws Exception {
        ServerApi.Workspace ws = server.workspace("Busy");
        int changes = 12; // the integration tests' pool has 5 connections
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(changes);
        try {
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < changes; i++) {
                String body = "{\"name\":\"busy-" + i + "\"}";
                answers.add(pool.submit(() -> {
                    go.await();
                    return server.send("POST", keys(ws), ws.ownerKey(), body);
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
                assertEquals(answer.get().body(), 201, answer.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(changes, count(audit(ws, "api_key.create"), "allowed"));
    }

    // --- helpers

    private Member join(ServerApi.Workspace ws, String name, String role) throws Exception {
        HttpResponse<String> invite = server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/invites",
                ws.ownerKey(),
                "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertEquals(invite.body(), 201, invite.statusCode());
        HttpResponse<String> accepted = server.send(
                "POST",
                "/api/v1/invites/accept",
                null,
                "{\"token\":\"" + JSON.readTree(invite.body()).path("token").asText() + "\"}");
        assertEquals(accepted.body(), 201, accepted.statusCode());
        JsonNode body = JSON.readTree(accepted.body());
        return new Member(
                body.path("member").path("id").asText(),
                body.path("api_key").path("key").asText());
    }

    private String key(ServerApi.Workspace ws, String by, String body) throws Exception {
        HttpResponse<String> created = server.send("POST", keys(ws), by, body);
        assertEquals(created.body(), 201, created.statusCode());
        return JSON.readTree(created.body()).path("key").asText();
    }

    private void patch(ServerApi.Workspace ws, String memberId, String role) throws Exception {
        server.ok("PATCH", members(ws) + "/" + memberId, ws.ownerKey(), "{\"role\":\"" + role + "\"}");
    }

    private String ownerId(ServerApi.Workspace ws) throws Exception {
        for (JsonNode member :
                server.ok("GET", members(ws), ws.ownerKey(), null).path("items")) {
            if (member.path("role").asText().equals("owner")) {
                return member.path("id").asText();
            }
        }
        throw new AssertionError("no owner in " + ws.id());
    }

    private JsonNode audit(ServerApi.Workspace ws, String action) throws Exception {
        return server.ok(
                        "GET",
                        "/api/v1/workspaces/" + ws.id() + "/audit?action=" + action + "&limit=100",
                        ws.ownerKey(),
                        null)
                .path("items");
    }

    private static boolean contains(JsonNode records, String target, String decision) {
        for (JsonNode record : records) {
            if (record.path("target").asText().equals(target)
                    && record.path("decision").asText().equals(decision)) {
                return true;
            }
        }
        return false;
    }

    private static int count(JsonNode records, String decision) {
        int n = 0;
        for (JsonNode record : records) {
            n += record.path("decision").asText().equals(decision) ? 1 : 0;
        }
        return n;
    }

    private static String members(ServerApi.Workspace ws) {
        return "/api/v1/workspaces/" + ws.id() + "/members";
    }

    private static String keys(ServerApi.Workspace ws) {
        return "/api/v1/workspaces/" + ws.id() + "/api-keys";
    }
}
