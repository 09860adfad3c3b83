package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Every call into plugin code is guarded, and the records say what happened: a tool whose risk()
 * throws an Error or hangs, or whose descriptor() throws, is refused with a problem (never a 500, never
 * a hang) and a record naming the refusal, while a well-behaved tool of the same plugin keeps working;
 * an approved call has exactly one tool.invoke record; a send the egress guard refused is a refusal in
 * the call's record; credentials bind only to installed plugins that declare vault.use, and refused
 * changes are recorded as refused.
 */
public abstract class PluginGuardTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVIL = "io.portcullis.itest.plugin.evilrisk";
    private static final String HTTP = "io.portcullis.tool.http";

    @Inject
    protected BundleContext context;

    private ServerApi server;

    @Before
    public void setUp() throws Exception {
        server = ServerApi.ready(context);
    }

    @Test
    public void pluginCodeThatThrowsOrHangsOutsideInvokeIsRefusedOnTheRecord() throws Exception {
        server.activate(EVIL, Provisioning.pluginJar(EVIL));
        ServerApi.Workspace ws = server.workspace("Evil risk");
        server.enable(ws, EVIL);

        // descriptor() threw: that tool service was refused, on the platform chain; the others are listed.
        JsonNode registered = records(null, "action=tool.register");
        assertTrue(registered.toString(), contains(registered, "plugin:" + EVIL, "error", "plugin_failed"));
        String tools = server.send("GET", "/api/v1/workspaces/" + ws.id() + "/tools", ws.ownerKey(), null)
                .body();
        assertTrue(tools, tools.contains("itest.evil.fine") && tools.contains("itest.evil.risk_error"));

        HttpResponse<String> error = invoke(ws, "itest.evil.risk_error", "{}", null);
        assertProblem(error, 502, "plugin_failed");
        HttpResponse<String> hang = invoke(ws, "itest.evil.risk_hang", "{}", 1000);
        assertProblem(hang, 504, "plugin_timeout");

        JsonNode calls = records(ws, "action=tool.invoke");
        assertTrue(calls.toString(), contains(calls, "tool:itest.evil.risk_error", "error", "plugin_failed"));
        assertTrue(calls.toString(), contains(calls, "tool:itest.evil.risk_hang", "error", "plugin_timeout"));

        // the legitimate path: a well-behaved tool of the same plugin still runs
        HttpResponse<String> fine = invoke(ws, "itest.evil.fine", "{}", null);
        assertEquals(fine.body(), 200, fine.statusCode());
        assertEquals(
                fine.body(), "ok", JSON.readTree(fine.body()).path("status").asText());
        assertTrue(contains(records(ws, "action=tool.invoke"), "tool:itest.evil.fine", "allowed", "run"));
    }

    @Test
    public void anApprovedCallHasExactlyOneToolInvokeRecord() throws Exception {
        server.activate(EVIL, Provisioning.pluginJar(EVIL));
        ServerApi.Workspace ws = server.workspace("Approved once");
        server.enable(ws, EVIL);

        HttpResponse<String> waiting = invoke(ws, "itest.evil.fine", "{\"write\":true}", null);
        assertEquals(waiting.body(), 202, waiting.statusCode());
        String approval = JSON.readTree(waiting.body()).path("approval_id").asText();
        assertEquals(0, records(ws, "action=tool.invoke").size());

        JsonNode approved = server.ok(
                "POST", "/api/v1/workspaces/" + ws.id() + "/approvals/" + approval + "/approve", ws.ownerKey(), null);
        assertEquals(approved.toString(), "executed", approved.path("status").asText());

        JsonNode calls = records(ws, "action=tool.invoke");
        assertEquals(calls.toString(), 1, calls.size());
        assertEquals("allowed", calls.get(0).path("decision").asText());
        assertEquals("approved", calls.get(0).path("reason_code").asText());
        JsonNode asked = records(ws, "action=approval.request");
        assertEquals(asked.toString(), 1, asked.size());
        assertEquals("approval:" + approval, asked.get(0).path("target").asText());
    }

    @Test
    public void aSendTheGuardRefusedIsARefusalInTheCallsRecord() throws Exception {
        server.activate(HTTP, Path.of(System.getProperty("portcullis.tool.http")), "net.egress", "vault.use");
        ServerApi.Workspace ws = server.workspace("Egress refused");
        server.enable(ws, HTTP);

        HttpResponse<String> answer = invoke(ws, "http.fetch", "{\"url\":\"http://127.0.0.1:9/admin\"}", null);
        assertEquals(answer.body(), 200, answer.statusCode());
        assertEquals(
                answer.body(),
                "error",
                JSON.readTree(answer.body()).path("status").asText());

        JsonNode calls = records(ws, "action=tool.invoke");
        assertEquals(calls.toString(), 1, calls.size());
        assertEquals(calls.toString(), "denied", calls.get(0).path("decision").asText());
        assertEquals(
                calls.toString(),
                "egress_refused",
                calls.get(0).path("reason_code").asText());
        assertEquals(calls.toString(), 403, calls.get(0).path("result_status").asInt());
    }

    @Test
    public void credentialsBindOnlyToInstalledPluginsThatDeclareVaultUseAndRefusalsAreRecorded() throws Exception {
        server.activate(HTTP, Path.of(System.getProperty("portcullis.tool.http")), "net.egress", "vault.use");
        ServerApi.Workspace ws = server.workspace("Bindings");
        String body = "{\"name\":\"svc\",\"kind\":\"api_key\",\"value\":\"bind-value-"
                + Long.toString(System.nanoTime(), 36) + "\"}";
        HttpResponse<String> created =
                server.send("POST", "/api/v1/workspaces/" + ws.id() + "/credentials", ws.ownerKey(), body);
        assertEquals(created.body(), 201, created.statusCode());
        String id = JSON.readTree(created.body()).path("id").asText();
        String bindings = "/api/v1/workspaces/" + ws.id() + "/credentials/" + id + "/bindings/";

        for (String plugin : List.of("io.example.never.installed", "io.portcullis.vault", "io.portcullis.tools")) {
            HttpResponse<String> refused = server.send("PUT", bindings + plugin, ws.ownerKey(), null);
            assertEquals(refused.body(), 400, refused.statusCode());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        }
        assertEquals(
                204, server.send("PUT", bindings + HTTP, ws.ownerKey(), null).statusCode());
        JsonNode view = server.ok("GET", "/api/v1/workspaces/" + ws.id() + "/credentials/" + id, ws.ownerKey(), null);
        assertTrue(view.toString(), view.toString().contains(HTTP));
        assertFalse(view.toString(), view.toString().contains("io.example.never.installed"));

        // a create that answers 409 is recorded as refused, never as allowed
        HttpResponse<String> duplicate =
                server.send("POST", "/api/v1/workspaces/" + ws.id() + "/credentials", ws.ownerKey(), body);
        assertEquals(duplicate.body(), 409, duplicate.statusCode());
        JsonNode creates = records(ws, "action=credential.create");
        assertEquals(creates.toString(), 2, creates.size());
        assertTrue(creates.toString(), contains(creates, null, "denied", "conflict"));
        assertTrue(creates.toString(), contains(creates, "credential:" + id, "allowed", null));
        JsonNode binds = records(ws, "action=credential.bind");
        assertEquals(binds.toString(), 4, binds.size());
        assertEquals(binds.toString(), 3, count(binds, "denied"));
    }

    @Test
    public void pluginChangesRefusedOnceTriedAreRecordedAsRefused() throws Exception {
        server.activate(HTTP, Path.of(System.getProperty("portcullis.tool.http")), "net.egress", "vault.use");
        ServerApi.Workspace ws = server.workspace("Refused plugin changes");
        String missing = "io.example.never.installed" + Long.toString(System.nanoTime(), 36);

        assertEquals(
                404,
                server.send("POST", "/api/v1/plugins/" + missing + "/grant", server.admin(), "{\"scopes\":[]}")
                        .statusCode());
        assertEquals(
                409,
                server.send(
                                "POST",
                                "/api/v1/plugins/" + HTTP + "/grant",
                                server.admin(),
                                "{\"scopes\":[\"net.egress\",\"vault.use\"]}")
                        .statusCode());
        assertEquals(
                404,
                server.send("PUT", "/api/v1/workspaces/" + ws.id() + "/plugins/" + missing, ws.ownerKey(), null)
                        .statusCode());

        JsonNode grants = records(null, "action=plugin.grant");
        assertTrue(grants.toString(), contains(grants, "plugin:" + missing, "denied", "not_found"));
        assertTrue(grants.toString(), contains(grants, "plugin:" + HTTP, "denied", "conflict"));
        JsonNode enables = records(ws, "action=plugin.enable");
        assertTrue(enables.toString(), contains(enables, "plugin:" + missing, "denied", "not_found"));

        // the legitimate path: enabling an active plugin is recorded as allowed
        server.enable(ws, HTTP);
        assertTrue(contains(records(ws, "action=plugin.enable"), "plugin:" + HTTP, "allowed", null));
    }

    // --- helpers

    private HttpResponse<String> invoke(ServerApi.Workspace ws, String tool, String arguments, Integer timeoutMs) {
        String body = "{\"arguments\":" + arguments + (timeoutMs == null ? "" : ",\"timeout_ms\":" + timeoutMs) + "}";
        return server.send(
                "POST", "/api/v1/workspaces/" + ws.id() + "/tools/" + tool + "/invocations", ws.ownerKey(), body);
    }

    @Test
    public void aJarTheFrameworkOrTheScanRefusesLeavesNoBundleAndNoRecord() throws Exception {
        String name = "io.portcullis.itest.plugin.refused";
        byte[] duplicateImport = jar(name, "org.osgi.framework,org.osgi.framework", Map.of());
        HttpResponse<String> framework = server.uploadBytes(duplicateImport);
        assertEquals(framework.body(), 400, framework.statusCode());
        assertTrue(framework.body(), framework.body().contains("The framework refused the jar"));
        assertNothingLeft(name);

        byte[] hiddenClass =
                jar(name, "org.osgi.framework", Map.of("a/B.class/", new byte[] {(byte) 0xca, (byte) 0xfe}));
        HttpResponse<String> scan = server.uploadBytes(hiddenClass);
        assertEquals(scan.body(), 400, scan.statusCode());
        assertTrue(scan.body(), scan.body().contains("directory named like a class file"));
        assertNothingLeft(name);

        // the legitimate path: the same jar without the flaw is installed and judged, then removed again
        HttpResponse<String> fine = server.uploadBytes(jar(name, "org.osgi.framework", Map.of()));
        assertEquals(fine.body(), 201, fine.statusCode());
        assertTrue(installed(name));
        HttpResponse<String> removed = server.send("DELETE", "/api/v1/plugins/" + name, server.admin(), null);
        assertTrue(removed.body(), removed.statusCode() / 100 == 2);
        assertNothingLeft(name);
    }

    private void assertNothingLeft(String name) {
        assertFalse("a bundle stayed installed: " + name, installed(name));
        assertEquals(
                404,
                server.send("GET", "/api/v1/plugins/" + name, server.admin(), null)
                        .statusCode());
    }

    private boolean installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] jar(String name, String imports, Map<String, byte[]> entries) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Portcullis-Plugin", "tool");
        main.putValue("Import-Package", imports);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(
                response.body(),
                response.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        assertTrue(
                response.body(),
                JSON.readTree(response.body()).path("detail").asText().startsWith(code + ":"));
        assertFalse(response.body(), response.body().contains("StackOverflowError"));
    }

    /** The records of the workspace's chain (the platform's when {@code ws} is null) matching {@code query}. */
    private JsonNode records(ServerApi.Workspace ws, String query) throws Exception {
        String path = ws == null
                ? "/api/v1/audit?limit=200&" + query
                : "/api/v1/workspaces/" + ws.id() + "/audit?limit=200&" + query;
        return server.ok("GET", path, ws == null ? server.admin() : ws.ownerKey(), null)
                .path("items");
    }

    private static boolean contains(JsonNode records, String target, String decision, String reason) {
        List<JsonNode> matching = new ArrayList<>();
        records.forEach(matching::add);
        return matching.stream()
                .anyMatch(r -> (target == null || target.equals(r.path("target").asText()))
                        && decision.equals(r.path("decision").asText())
                        && (reason == null
                                || reason.equals(r.path("reason_code").asText())));
    }

    private static long count(JsonNode records, String decision) {
        List<JsonNode> all = new ArrayList<>();
        records.forEach(all::add);
        return all.stream()
                .filter(r -> decision.equals(r.path("decision").asText()))
                .count();
    }
}
