package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * The plugin gate in a real framework, with purpose-built plugins: no code of a plugin runs before
 * its grant, the scan rejects what a plugin does without declaring it, names and origins do not make
 * a plugin core, services are hidden by scope, revoking unresolves, and a bigger update waits again.
 */
public abstract class GateTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "io.portcullis.itest.plugin.marker";
    private static final String LINKCHECK = "io.portcullis.example.linkcheck";

    @Inject
    protected BundleContext context;

    private ServerApi server;
    private String admin;

    @Before
    public void awaitServer() throws Exception {
        server = ServerApi.ready(context);
        admin = server.admin();
    }

    @Test
    public void aDeployedPluginRunsNoCodeBeforeItsGrantAndLosesEverythingOnRevoke() throws Exception {
        System.clearProperty("portcullis.itest.marker");
        Path deployed = deploy("marker.jar", MARKER);

        JsonNode pending = awaitPlugin(MARKER, "pending");
        assertEquals("[\"net.egress\"]", pending.path("requested_scopes").toString());
        assertEquals("deploy", pending.path("source").asText());
        assertFalse(pending.toString(), pending.has("location"));
        Bundle bundle = bundle(MARKER);
        assertEquals(Bundle.INSTALLED, bundle.getState());
        assertStartRefused(bundle);
        assertNull("no static initialiser ran before the grant", System.getProperty("portcullis.itest.marker"));
        assertEquals(
                403,
                server.send(
                                "POST",
                                "/api/v1/plugins/" + MARKER + "/grant",
                                server.workspace("Gate").ownerKey(),
                                "{\"scopes\":[\"net.egress\"]}")
                        .statusCode());
        assertEquals(
                400,
                server.send("POST", "/api/v1/plugins/" + MARKER + "/grant", admin, "{\"scopes\":[]}")
                        .statusCode());
        assertEquals(Bundle.INSTALLED, bundle.getState());

        JsonNode active = grant(MARKER, "net.egress");
        assertEquals("active", active.path("status").asText());
        assertEquals("loaded", System.getProperty("portcullis.itest.marker"));
        assertEquals(Bundle.ACTIVE, bundle.getState());
        Tool tool = awaitTool(bundle);

        // Services by scope: a core service under vault.use stays hidden from a plugin granted net.egress only.
        try (ScopedServices services = new ScopedServices(context)) {
            JsonNode seen = visible(tool);
            assertEquals(0, seen.path("java.lang.Runnable").asInt());
            assertEquals(0, seen.path("io.portcullis.vault.CredentialUse").asInt());
            assertEquals(0, seen.path("io.portcullis.policy.PluginPolicy").asInt());
            assertEquals("itself and the system bundle", 2, seen.path("bundles").asInt());
        }

        // Enablement and the per-call decision.
        ServerApi.Workspace a = server.workspace("Gate A");
        ServerApi.Workspace b = server.workspace("Gate B");
        PluginPolicy policy = context.getService(context.getServiceReference(PluginPolicy.class));
        assertEquals(Decision.NOT_ENABLED, policy.decide(MARKER, a.id(), Risk.READ));
        assertEquals(
                200,
                server.send("PUT", "/api/v1/workspaces/" + a.id() + "/plugins/" + MARKER, a.ownerKey(), null)
                        .statusCode());
        assertEquals(
                404,
                server.send("PUT", "/api/v1/workspaces/" + a.id() + "/plugins/" + MARKER, b.ownerKey(), null)
                        .statusCode());
        assertEquals(Decision.ALLOW, policy.decide(MARKER, a.id(), Risk.WRITE));
        assertEquals(Decision.NOT_ENABLED, policy.decide(MARKER, b.id(), Risk.READ));
        assertEquals(
                200,
                server.send("PATCH", "/api/v1/workspaces/" + a.id() + "/policy", a.ownerKey(), "{\"read_only\":true}")
                        .statusCode());
        assertEquals(Decision.READ_ONLY, policy.decide(MARKER, a.id(), Risk.WRITE));
        assertEquals(Decision.ALLOW, policy.decide(MARKER, a.id(), Risk.READ));
        assertTrue(server.send("GET", "/api/v1/workspaces/" + a.id() + "/plugins", a.ownerKey(), null)
                .body()
                .contains("\"enabled\":true"));

        // Revoke: stopped, unresolved, its services gone, its calls refused.
        JsonNode revoked = post("/api/v1/plugins/" + MARKER + "/revoke", null);
        assertEquals("revoked", revoked.path("status").asText());
        assertEquals(Bundle.INSTALLED, bundle.getState());
        assertTrue(
                "its Tool service is gone",
                context.getServiceReferences(Tool.class, "(component.name=*Marker*)")
                        .isEmpty());
        assertEquals(Decision.PLUGIN_NOT_ACTIVE, policy.decide(MARKER, a.id(), Risk.READ));
        assertStartRefused(bundle);

        // An update asking for one scope more waits for a new grant; granted, it sees the vault.use service.
        Files.copy(
                Provisioning.pluginJar("io.portcullis.itest.plugin.marker2"),
                deployed,
                StandardCopyOption.REPLACE_EXISTING);
        JsonNode updated = awaitPlugin(MARKER, "pending", "1.1.0");
        assertEquals(
                "[\"net.egress\",\"vault.use\"]",
                updated.path("requested_scopes").toString());
        assertEquals(
                400,
                server.send("POST", "/api/v1/plugins/" + MARKER + "/grant", admin, "{\"scopes\":[\"net.egress\"]}")
                        .statusCode());
        assertEquals(
                "active",
                grant(MARKER, "net.egress", "vault.use").path("status").asText());
        try (ScopedServices services = new ScopedServices(context)) {
            JsonNode seen = visible(awaitTool(bundle(MARKER)));
            assertEquals(
                    "the vault.use service only",
                    1,
                    seen.path("java.lang.Runnable").asInt());
            assertEquals(
                    "core-internal whatever the scopes",
                    0,
                    seen.path("io.portcullis.vault.CredentialUse").asInt());
        }

        // Every transition is on the platform chain.
        String records =
                server.send("GET", "/api/v1/audit?limit=200", admin, null).body();
        for (String action : List.of(
                "plugin.install",
                "plugin.pending",
                "plugin.grant",
                "plugin.active",
                "plugin.revoke",
                "plugin.revoked",
                "plugin.update")) {
            assertTrue(action + " in " + records, records.contains("\"action\":\"" + action + "\""));
        }
        assertTrue(
                server.send("GET", "/api/v1/workspaces/" + a.id() + "/audit?action=plugin.enable", a.ownerKey(), null)
                        .body()
                        .contains("plugin:" + MARKER));

        // Uninstall: gone, with its file.
        assertEquals(
                204,
                server.send("DELETE", "/api/v1/plugins/" + MARKER, admin, null).statusCode());
        assertNull(bundleOrNull(MARKER));
        assertFalse(Files.exists(deployed));
        assertEquals(
                404,
                server.send("GET", "/api/v1/plugins/" + MARKER, admin, null).statusCode());
    }

    @Test
    public void theGuidesExamplePluginPassesTheScanAndRunsOnceGranted() throws Exception {
        String id = "io.portcullis.example.linkcheck";
        JsonNode pending = upload(Path.of(System.getProperty("portcullis.example")));
        assertEquals(pending.toString(), "pending", pending.path("status").asText());
        assertEquals(
                "[\"net.egress\",\"vault.use\"]",
                pending.path("requested_scopes").toString());
        assertEquals("[]", pending.path("findings").toString());
        assertEquals(
                "active", grant(id, "net.egress", "vault.use").path("status").asText());
        assertEquals("example.link-check", awaitTool(bundle(id)).descriptor().name());
        assertEquals(
                204, server.send("DELETE", "/api/v1/plugins/" + id, admin, null).statusCode());
    }

    @Test
    public void aRawSocketTheManifestDoesNotDeclareIsRejectedWithItsFinding() throws Exception {
        JsonNode rejected = upload("io.portcullis.itest.plugin.socket");
        assertEquals("rejected", rejected.path("status").asText());
        assertTrue(rejected.toString(), rejected.path("reasons").toString().contains("java.net.Socket.<init>"));
        JsonNode finding = rejected.path("findings").get(0);
        assertTrue(finding.toString(), finding.path("class").asText().endsWith("SocketTool"));
        assertTrue(finding.toString(), finding.path("method").asText().startsWith("connect"));
        assertEquals("net.raw", finding.path("scope").asText());
        assertEquals(
                409,
                server.send(
                                "POST",
                                "/api/v1/plugins/io.portcullis.itest.plugin.socket/grant",
                                admin,
                                "{\"scopes\":[\"net.egress\"]}")
                        .statusCode());
        assertStartRefused(bundle("io.portcullis.itest.plugin.socket"));
        assertNull(System.getProperty("portcullis.itest.socket"));
    }

    @Test
    public void readingTheEnvironmentIsNeverGrantable() throws Exception {
        JsonNode rejected = upload("io.portcullis.itest.plugin.getenv");
        assertEquals("rejected", rejected.path("status").asText());
        assertTrue(rejected.toString(), rejected.path("reasons").toString().contains("java.lang.System.getenv"));
        assertTrue(rejected.toString(), rejected.path("reasons").toString().contains("never grantable"));
        assertEquals(
                409,
                server.send("POST", "/api/v1/plugins/io.portcullis.itest.plugin.getenv/grant", admin, "{\"scopes\":[]}")
                        .statusCode());
        assertNull(System.getProperty("portcullis.itest.getenv"));
    }

    @Test
    public void aPluginNamedLikeACoreBundleIsStillAPlugin() throws Exception {
        JsonNode impostor = upload("io.portcullis.itest.plugin.impostor");
        assertEquals("io.portcullis.audit", impostor.path("id").asText());
        assertEquals("rejected", impostor.path("status").asText());
        assertTrue(impostor.toString(), impostor.path("reasons").toString().contains("core bundle"));
        Bundle plugin = null;
        for (Bundle candidate : context.getBundles()) {
            if ("io.portcullis.audit".equals(candidate.getSymbolicName())) {
                if ("9.9.9".equals(candidate.getVersion().toString())) {
                    plugin = candidate;
                } else {
                    assertEquals("the real audit bundle runs on", Bundle.ACTIVE, candidate.getState());
                }
            }
        }
        assertNotNull(plugin);
        assertStartRefused(plugin);
        assertNull(System.getProperty("portcullis.itest.impostor"));
        assertEquals(200, server.http().get("/health/ready").statusCode());
    }

    @Test
    public void aBundleAnotherBundleInstallsIsAPluginEvenWithoutTheHeader() throws Exception {
        Path jar = Provisioning.pluginJar("io.portcullis.itest.plugin.noheader");
        Bundle installed = context.installBundle(jar.toUri().toString()); // by the probe, not by the launcher
        try {
            assertStartRefused(installed);
            JsonNode adopted = awaitPlugin("io.portcullis.itest.plugin.noheader", "rejected");
            assertTrue(
                    adopted.toString(), adopted.path("reasons").toString().contains("not through the deploy folder"));
            assertNull(System.getProperty("portcullis.itest.noheader"));
        } finally {
            server.send("DELETE", "/api/v1/plugins/io.portcullis.itest.plugin.noheader", admin, null);
        }
    }

    @Test
    public void theSameJarUploadedAgainComesBackActiveAndStaysEnabled() throws Exception {
        Path jar = Path.of(System.getProperty("portcullis.example"));
        try {
            assertEquals("pending", upload(jar).path("status").asText());
            assertEquals(
                    "active",
                    grant(LINKCHECK, "net.egress", "vault.use").path("status").asText());
            ServerApi.Workspace ws = server.workspace("Re-upload");
            server.enable(ws, LINKCHECK);
            PluginPolicy policy = context.getService(context.getServiceReference(PluginPolicy.class));
            assertEquals(Decision.ALLOW, policy.decide(LINKCHECK, ws.id(), Risk.READ));

            JsonNode again = upload(jar);

            assertEquals(again.toString(), "active", again.path("status").asText());
            assertEquals(Bundle.ACTIVE, bundle(LINKCHECK).getState());
            assertEquals(Decision.ALLOW, policy.decide(LINKCHECK, ws.id(), Risk.READ));
            assertTrue(enabledIn(ws, LINKCHECK));
        } finally {
            server.send("DELETE", "/api/v1/plugins/" + LINKCHECK, admin, null);
        }
    }

    @Test
    public void theSameJarDroppedAgainIntoDeployStaysActiveAndEnabled() throws Exception {
        String sentinel = "io.portcullis.itest.plugin.noheader";
        Path deployed = deploy("redeploy-a-marker.jar", MARKER);
        try {
            awaitPlugin(MARKER, "pending");
            assertEquals("active", grant(MARKER, "net.egress").path("status").asText());
            ServerApi.Workspace ws = server.workspace("Re-deploy");
            server.enable(ws, MARKER);

            // The same bytes dropped again, with a new modification time, then a second jar: the watcher
            // handles the folder in name order, so once the second is recorded the first was handled.
            Files.copy(Provisioning.pluginJar(MARKER), deployed, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(deployed, FileTime.from(Instant.now().plusSeconds(60)));
            deploy("redeploy-b-sentinel.jar", sentinel);
            awaitPlugin(sentinel, "rejected");

            JsonNode plugin = server.ok("GET", "/api/v1/plugins/" + MARKER, admin, null);
            assertEquals(plugin.toString(), "active", plugin.path("status").asText());
            assertEquals(Bundle.ACTIVE, bundle(MARKER).getState());
            PluginPolicy policy = context.getService(context.getServiceReference(PluginPolicy.class));
            assertEquals(Decision.ALLOW, policy.decide(MARKER, ws.id(), Risk.READ));
            assertTrue(enabledIn(ws, MARKER));
        } finally {
            server.send("DELETE", "/api/v1/plugins/" + MARKER, admin, null);
            server.send("DELETE", "/api/v1/plugins/" + sentinel, admin, null);
        }
    }

    @Test
    public void revokingDisablesThePluginEverywhereAndANewGrantEnablesItNowhere() throws Exception {
        try {
            upload(Path.of(System.getProperty("portcullis.example")));
            grant(LINKCHECK, "net.egress", "vault.use");
            ServerApi.Workspace a = server.workspace("Revoke A");
            ServerApi.Workspace b = server.workspace("Revoke B");
            server.enable(a, LINKCHECK);
            server.enable(b, LINKCHECK);
            PluginPolicy policy = context.getService(context.getServiceReference(PluginPolicy.class));
            assertEquals(Decision.ALLOW, policy.decide(LINKCHECK, b.id(), Risk.READ));

            JsonNode revoked = post("/api/v1/plugins/" + LINKCHECK + "/revoke", null);
            assertEquals("revoked", revoked.path("status").asText());
            assertTrue(revoked.toString(), revoked.path("reasons").toString().contains("disabled in 2 workspace(s)"));
            for (ServerApi.Workspace ws : List.of(a, b)) {
                JsonNode records = server.ok(
                                "GET",
                                "/api/v1/workspaces/" + ws.id() + "/audit?action=plugin.disable",
                                ws.ownerKey(),
                                null)
                        .path("items");
                assertEquals(records.toString(), 1, records.size());
                assertEquals("revoked", records.get(0).path("reason_code").asText());
                assertEquals(
                        "plugin:" + LINKCHECK, records.get(0).path("target").asText());
            }

            // Granted again: active, but enabled in no workspace until its admins say so.
            assertEquals(
                    "active",
                    grant(LINKCHECK, "net.egress", "vault.use").path("status").asText());
            assertEquals(Decision.NOT_ENABLED, policy.decide(LINKCHECK, a.id(), Risk.READ));
            assertEquals(Decision.NOT_ENABLED, policy.decide(LINKCHECK, b.id(), Risk.READ));
            assertFalse(enabledIn(a, LINKCHECK));
            assertFalse(enabledIn(b, LINKCHECK));

            server.enable(a, LINKCHECK);
            assertEquals(Decision.ALLOW, policy.decide(LINKCHECK, a.id(), Risk.READ));
            assertTrue(enabledIn(a, LINKCHECK));
            assertEquals(Decision.NOT_ENABLED, policy.decide(LINKCHECK, b.id(), Risk.READ));
        } finally {
            server.send("DELETE", "/api/v1/plugins/" + LINKCHECK, admin, null);
        }
    }

    @Test
    public void theCatalogueMarksScopesOfMissingFeaturesUnavailableAndNoGrantAllowsThem() throws Exception {
        String ownerKey = server.workspace("Scopes").ownerKey();
        JsonNode scopes = JSON.readTree(
                        server.send("GET", "/api/v1/scopes", ownerKey, null).body())
                .path("items");
        String all = scopes.toString();
        for (String scope : List.of(
                "net.egress",
                "vault.use",
                "vault.reveal",
                "knowledge.read",
                "conversation.read",
                "conversation.write",
                "channel.inbound",
                "model.invoke",
                "process.exec",
                "fs.workspace",
                "net.raw")) {
            assertTrue(scope, all.contains("\"name\":\"" + scope + "\""));
        }
        List<String> enforced = List.of("net.egress", "vault.use");
        for (JsonNode scope : scopes) {
            String name = scope.path("name").asText();
            assertEquals(
                    scope.toString(),
                    enforced.contains(name),
                    scope.path("grantable").asBoolean());
            assertEquals(
                    scope.toString(),
                    enforced.contains(name) || name.equals("net.raw"),
                    scope.path("available").asBoolean());
            assertEquals(
                    scope.toString(),
                    scope.path("available").asBoolean(),
                    scope.path("note").isNull());
        }

        HttpResponse<String> refused = server.send(
                "POST",
                "/api/v1/plugins/" + LINKCHECK + "/grant",
                admin,
                "{\"scopes\":[\"net.egress\",\"model.invoke\"]}");
        assertEquals(refused.body(), 409, refused.statusCode());
        assertTrue(
                refused.body(), refused.body().contains("'model.invoke', which is not available on this server yet"));
    }

    // --- helpers

    private Path deploy(String fileName, String plugin) throws Exception {
        Path target = Path.of(context.getProperty("portcullis.deploy"), fileName);
        Files.copy(Provisioning.pluginJar(plugin), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private JsonNode upload(String plugin) throws Exception {
        return upload(Provisioning.pluginJar(plugin));
    }

    private JsonNode upload(Path jar) throws Exception {
        return server.upload(jar);
    }

    private JsonNode grant(String plugin, String... scopes) throws Exception {
        return server.grant(plugin, scopes);
    }

    /** Whether workspace {@code ws} lists active plugin {@code id} as enabled. */
    private boolean enabledIn(ServerApi.Workspace ws, String id) throws Exception {
        for (JsonNode plugin : server.ok("GET", "/api/v1/workspaces/" + ws.id() + "/plugins", ws.ownerKey(), null)
                .path("items")) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin.path("enabled").asBoolean();
            }
        }
        throw new AssertionError(id + " is not listed as active in workspace " + ws.id());
    }

    private JsonNode post(String path, String body) throws Exception {
        return server.ok("POST", path, admin, body);
    }

    private JsonNode awaitPlugin(String id, String status) throws Exception {
        return awaitPlugin(id, status, null);
    }

    private JsonNode awaitPlugin(String id, String status, String version) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = server.send("GET", "/api/v1/plugins/" + id, admin, null);
            last = response.body();
            if (response.statusCode() == 200) {
                JsonNode plugin = JSON.readTree(last);
                if (status.equals(plugin.path("status").asText())
                        && (version == null
                                || version.equals(plugin.path("version").asText()))) {
                    return plugin;
                }
            }
            Http.sleep(100);
        }
        throw new AssertionError("plugin " + id + " not " + status + " within " + WAIT + ": " + last);
    }

    private static void assertStartRefused(Bundle bundle) {
        try {
            bundle.start();
            fail("a plugin without a grant started: " + bundle.getSymbolicName());
        } catch (BundleException expected) {
            assertTrue(bundle.getState() == Bundle.INSTALLED);
        }
    }

    private Tool awaitTool(Bundle plugin) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] tools = plugin.getRegisteredServices();
            if (tools != null) {
                for (ServiceReference<?> reference : tools) {
                    if (context.getService(reference) instanceof Tool tool) {
                        return tool;
                    }
                }
            }
            Http.sleep(50);
        }
        throw new AssertionError("no Tool service from " + plugin.getSymbolicName());
    }

    /** What the marker plugin's own context sees, as its tool reports it. */
    private static JsonNode visible(Tool tool) throws Exception {
        Map<String, Object> arguments = Map.of(
                "classes",
                List.of(
                        "java.lang.Runnable",
                        "io.portcullis.vault.CredentialUse",
                        "io.portcullis.policy.PluginPolicy"));
        return JSON.readTree(tool.invoke(arguments, new NoContext()).content());
    }

    /** A core service under scope vault.use and a core-internal one, both Runnables, for a test's duration. */
    private static final class ScopedServices implements AutoCloseable {
        private final ServiceRegistration<?> scoped;
        private final ServiceRegistration<?> internal;

        ScopedServices(BundleContext context) {
            Dictionary<String, Object> properties = new Hashtable<>(Map.of("io.portcullis.scope", "vault.use"));
            scoped = context.registerService(Runnable.class, () -> {}, properties);
            internal = context.registerService(Runnable.class, () -> {}, null);
        }

        @Override
        public void close() {
            scoped.unregister();
            internal.unregister();
        }
    }

    /** The tool under test reads nothing of its context. */
    private static final class NoContext implements ToolContext {
        @Override
        public String runId() {
            return "itest";
        }

        @Override
        public String workspaceId() {
            return "none";
        }

        @Override
        public Instant deadline() {
            return Instant.now().plusSeconds(5);
        }

        @Override
        public EgressClient egress() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CredentialRef> credential(String credentialId) {
            return Optional.empty();
        }
    }

    private Bundle bundle(String symbolicName) {
        Bundle bundle = bundleOrNull(symbolicName);
        assertNotNull("bundle " + symbolicName, bundle);
        return bundle;
    }

    private Bundle bundleOrNull(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }
}
