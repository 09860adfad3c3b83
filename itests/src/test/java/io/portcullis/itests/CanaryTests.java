package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.web.Route;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.slf4j.LoggerFactory;

/**
 * The vault's promise end to end: credentials are created with unique canary values, then every route
 * the server serves (enumerated from the route services, so later routes are covered too) and every
 * error path we can think of is driven with those canaries in bodies, paths, queries and headers.
 * Every response (status line, headers, body) and every log line of the framework is captured; no
 * canary may appear in any of them. Run on H2 and on PostgreSQL.
 */
public abstract class CanaryTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] KINDS = {
        "api_key", "bearer_token", "basic", "oauth_token", "webhook_url", "private_key", "other"
    };

    @Inject
    protected BundleContext context;

    private ServerApi server;
    private LogTap log;
    private final List<String> canaries = new ArrayList<>();
    private final List<String> responses = new ArrayList<>();
    private String workspaceId;
    private String ownerKey;
    private final Map<String, String> credentialIds = new LinkedHashMap<>();

    @Before
    public void createWorkspaceWithCanaryCredentials() throws Exception {
        log = LogTap.install(context);
        server = ServerApi.ready(context);
        ServerApi.Workspace workspace = server.workspace("Canary");
        workspaceId = workspace.id();
        ownerKey = workspace.ownerKey();
        for (String kind : KINDS) {
            String value = canaryValue(kind);
            JsonNode credential = json(
                    send(
                            "POST",
                            credentials(),
                            ownerKey,
                            "{\"name\":\"" + kind + " credential\",\"kind\":\"" + kind + "\",\"value\":" + quote(value)
                                    + ",\"metadata\":{\"purpose\":\"canary\"}}"),
                    201);
            credentialIds.put(kind, credential.path("id").asText());
        }
    }

    @After
    public void removeLogTap() throws Exception {
        if (log != null) {
            log.close();
        }
    }

    @Test
    public void noCanaryLeavesTheServerThroughAnyRouteOrLogLine() throws Exception {
        String canary = canaries.get(0); // the api_key credential's value, live throughout
        // A credential the route walk may rotate and delete; its own value must never show either.
        String credentialId = json(
                        send(
                                "POST",
                                credentials(),
                                ownerKey,
                                "{\"name\":\"disposable\",\"kind\":\"other\",\"value\":" + quote(canaryValue("other"))
                                        + "}"),
                        201)
                .path("id")
                .asText();

        // Every route: the canary where a value goes, the disposable credential's id where an id goes.
        for (Route route : ServerApi.registeredRoutes(context)) {
            String path = route.path().replace("{ws}", workspaceId).replaceAll("\\{[^}]+}", credentialId);
            String body = "{\"name\":\"x\",\"role\":\"viewer\",\"kind\":\"other\",\"value\":" + quote(canary) + "}";
            send(route.method().name(), path, ownerKey, route.method().hasBody() ? body : null);
            send(route.method().name(), path + "?cursor=" + url(canary) + "&limit=" + url(canary), ownerKey, null);
            send(
                    route.method().name(),
                    route.path().replace("{ws}", workspaceId).replaceAll("\\{[^}]+}", url(canary)),
                    ownerKey,
                    null);
            send(route.method().name(), path, canary, null); // the canary as a bearer token
        }

        // The credential routes' error paths, each carrying a canary.
        String base = credentials();
        expect(400, "POST", base, "{\"name\":\"bad kind\",\"kind\":\"unknown\",\"value\":" + quote(canary) + "}");
        expect(400, "POST", base, "{\"name\":\"no kind\",\"value\":" + quote(canary) + "}");
        expect(
                400,
                "POST",
                base,
                "{\"name\":\"junk\",\"kind\":\"other\",\"value\":" + quote(canary + "\u0000\u0001") + "}");
        expect(
                400,
                "POST",
                base,
                "{\"name\":\"huge\",\"kind\":\"other\",\"value\":" + quote(canary.repeat(2000)) + "}");
        expect(
                400,
                "POST",
                base,
                "{\"name\":\"meta\",\"kind\":\"other\",\"value\":\"a fine new value 1\"," + "\"metadata\":{\"note\":"
                        + quote(canary) + "}}");
        expect(
                400,
                "POST",
                base,
                "{\"name\":\"unknown field\",\"kind\":\"other\",\"value\":" + quote(canary) + ",\"secret\":"
                        + quote(canary) + "}");
        expect(400, "POST", base, "{\"name\":\"broken\",\"kind\":\"other\",\"value\":" + quote(canary) + ",");
        expect(
                400,
                "POST",
                base,
                "{\"name\":" + quote(canary.substring(0, 10)) + ",\"kind\":\"basic\",\"value\":"
                        + quote(canary.replace(":", "")) + "}");
        expect(
                409,
                "POST",
                base,
                "{\"name\":\"api_key credential\",\"kind\":\"other\",\"value\":" + quote(canary) + "}");
        expect(400, "POST", base + "/" + credentialIds.get("api_key") + "/rotate", "{\"value\":\"short\"}");
        expect(404, "POST", base + "/" + url(canary) + "/rotate", "{\"value\":" + quote(canary) + "}");

        // Rotation: neither the old nor the new value may ever come back.
        String rotated = canaryValue("other");
        JsonNode view = json(
                send(
                        "POST",
                        base + "/" + credentialIds.get("other") + "/rotate",
                        ownerKey,
                        "{\"value\":" + quote(rotated) + "}"),
                200);
        assertEquals(2, view.path("version").asInt());
        json(send("GET", base, ownerKey, null), 200);

        // A careless log line in the framework, as a bundle might write it, is redacted before any appender.
        LoggerFactory.getLogger("io.portcullis.itest.careless").warn("calling the API with {}", canary);
        assertTrue(
                "the careless line reached the appenders, redacted",
                log.lines().stream().anyMatch(line -> line.contains("calling the API with [REDACTED:")));

        assertNoCanaryAnywhere();
    }

    @Test
    public void theCredentialApiNeverAnswersAValueButServesTheMetadata() throws Exception {
        JsonNode list = json(send("GET", credentials(), ownerKey, null), 200);
        assertEquals(list.toString(), KINDS.length, list.path("items").size());
        for (JsonNode item : list.path("items")) {
            assertTrue(item.toString(), item.path("fingerprint").asText().startsWith("fp_"));
            assertFalse(item.toString(), item.has("value"));
        }
        for (String id : credentialIds.values()) {
            JsonNode one = json(send("GET", credentials() + "/" + id, ownerKey, null), 200);
            assertEquals("canary", one.path("metadata").path("purpose").asText());
        }
        assertNoCanaryAnywhere();
    }

    /**
     * Names are shown in every list, view and audit record, so one that holds a live secret of the
     * workspace or is shaped like a secret is refused, by the one check of the web layer, on every route
     * that stores a name: credential, API key and invite names and a member's subject. Plain names pass.
     */
    @Test
    public void aNameThatHoldsOrLooksLikeASecretIsRefused() throws Exception {
        String ws = "/api/v1/workspaces/" + workspaceId;
        String memberId = json(send("GET", ws + "/members", ownerKey, null), 200)
                .path("items")
                .get(0)
                .path("id")
                .asText();
        String shaped = "gh" + "p_" + HexFormat.of().formatHex(bytes(18));
        for (String name : List.of("deploy " + canaries.get(0), "key " + shaped, "DB_PASSWORD=" + canaries.get(1))) {
            expect(
                    400,
                    "POST",
                    credentials(),
                    "{\"name\":" + quote(name) + ",\"kind\":\"other\",\"value\":" + quote(canaryValue("other")) + "}");
            expect(400, "POST", ws + "/api-keys", "{\"name\":" + quote(name) + ",\"role\":\"viewer\"}");
            expect(400, "POST", ws + "/invites", "{\"name\":" + quote(name) + ",\"role\":\"viewer\"}");
            expect(400, "PUT", ws + "/members/" + memberId + "/subject", "{\"subject\":" + quote(name) + "}");
        }

        json(
                send(
                        "POST",
                        credentials(),
                        ownerKey,
                        "{\"name\":\"billing api\",\"kind\":\"other\",\"value\":" + quote(canaryValue("other")) + "}"),
                201);
        json(send("POST", ws + "/api-keys", ownerKey, "{\"name\":\"deploy bot\",\"role\":\"viewer\"}"), 201);
        json(send("POST", ws + "/invites", ownerKey, "{\"name\":\"Ada Lovelace\",\"role\":\"viewer\"}"), 201);
        json(send("PUT", ws + "/members/" + memberId + "/subject", ownerKey, "{\"subject\":\"auth0|user-42\"}"), 200);
        // The minted key and invite token come back once, by design; they are no canaries.
        assertNoCanaryAnywhere();
    }

    private void assertNoCanaryAnywhere() {
        List<String> lines = log.lines();
        assertTrue(
                "the request log was captured",
                lines.stream().anyMatch(l -> l.contains("route=/api/v1/workspaces/{ws}/credentials")));
        for (String canary : canaries) {
            for (String response : responses) {
                assertFalse("a response leaks a canary: " + response, response.contains(canary));
            }
            for (String line : lines) {
                assertFalse("a log line leaks a canary: " + line, line.contains(canary));
            }
        }
    }

    private void expect(int status, String method, String path, String body) {
        HttpResponse<String> response = send(method, path, ownerKey, body);
        assertEquals(method + " " + path + ": " + response.body(), status, response.statusCode());
        assertTrue(
                response.body(),
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    /** A value no text contains by chance, shaped as its kind requires. */
    private String canaryValue(String kind) {
        String canary = "canary" + HexFormat.of().formatHex(bytes(16));
        canaries.add(canary);
        return switch (kind) {
            case "basic" -> "user:" + canary;
            case "webhook_url" -> "https://hooks.example.com/services/" + canary;
            case "private_key" -> "-----BEGIN TEST KEY-----\n" + canary + "\n-----END TEST KEY-----";
            default -> canary;
        };
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private String credentials() {
        return "/api/v1/workspaces/" + workspaceId + "/credentials";
    }

    /** Sends as {@link ServerApi#send} does and keeps the whole response for the canary search. */
    private HttpResponse<String> send(String method, String path, String key, String body) {
        HttpResponse<String> response = server.send(method, path, key, body);
        responses.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        return JSON.readTree(response.body());
    }

    private static String quote(String value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    private static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
