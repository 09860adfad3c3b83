package io.portcullis.itests;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The evil plugins as the tests handle them: their jars (module {@code io.portcullis.itest.plugin.evil},
 * one classified jar each), upload-grant-enable-invoke-remove over the API, the host a plugin runs in,
 * and the decoding of what a plugin sends back.
 */
final class EvilPlugins {

    static final String PREFIX = "io.portcullis.itest.plugin.evil.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX = Pattern.compile("hex:([0-9a-f]+)");

    private EvilPlugins() {}

    /** The jar of evil plugin {@code name} (its classifier). */
    static Path jar(String name) {
        String module = "io.portcullis.itest.plugin.evil";
        return Path.of(
                System.getProperty("portcullis.plugins", "plugins"),
                module,
                "target",
                module + "-" + System.getProperty("portcullis.version") + "-" + name + ".jar");
    }

    /** The jar's bytes as uploaded: for {@code hiddenentry}, with its payload class under a directory-shaped name. */
    static byte[] upload(String name) throws IOException {
        if (!name.equals("hiddenentry")) {
            return Files.readAllBytes(jar(name));
        }
        String hidden = "io/portcullis/itest/plugin/evil/hiddenentry/internal/Payload.class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(jar(name).toFile());
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName().equals(hidden) ? hidden + "/" : entry.getName()));
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Uploads, grants exactly the requested scopes and enables plugin {@code name} in {@code ws}; expects all to work. */
    static String activate(ServerApi server, ServerApi.Workspace ws, String name) throws Exception {
        HttpResponse<String> uploaded = server.uploadBytes(upload(name));
        assertEquals(uploaded.body(), 201, uploaded.statusCode());
        JsonNode record = JSON.readTree(uploaded.body());
        String id = PREFIX + name;
        assertEquals(record.toString(), "pending", record.path("status").asText());
        JsonNode granted = grant(server, id, record.path("requested_scopes"));
        assertEquals(granted.toString(), "active", granted.path("status").asText());
        server.enable(ws, id);
        return id;
    }

    /** Grants exactly {@code scopes} (a JSON array) to {@code id}; the answer, whatever its status. */
    static JsonNode grant(ServerApi server, String id, JsonNode scopes) throws Exception {
        HttpResponse<String> granted = server.send(
                "POST",
                "/api/v1/plugins/" + id + "/grant",
                server.admin(),
                JSON.writeValueAsString(Map.of("scopes", JSON.convertValue(scopes, List.class))));
        JsonNode body = JSON.readTree(granted.body().isEmpty() ? "{}" : granted.body());
        return granted.statusCode() == 200
                ? body
                : JSON.createObjectNode()
                        .put("status", "http " + granted.statusCode())
                        .set("problem", body);
    }

    /** Revokes and deletes {@code id}, whatever state it is in. */
    static void remove(ServerApi server, String id) {
        server.send("POST", "/api/v1/plugins/" + id + "/revoke", server.admin(), null);
        server.send("DELETE", "/api/v1/plugins/" + id, server.admin(), null);
    }

    /** Invokes {@code tool} in {@code ws} with {@code arguments} and a {@code timeoutMs} deadline. */
    static HttpResponse<String> invoke(
            ServerApi server, ServerApi.Workspace ws, String tool, Map<String, Object> arguments, int timeoutMs)
            throws Exception {
        return server.send(
                "POST",
                "/api/v1/workspaces/" + ws.id() + "/tools/" + tool + "/invocations",
                ws.ownerKey(),
                JSON.writeValueAsString(Map.of("arguments", arguments, "timeout_ms", timeoutMs)));
    }

    /** The plugin's {@code host} as {@code GET /api/v1/plugins/{id}} shows it (missing when hosted in-process). */
    static JsonNode host(ServerApi server, String id) throws Exception {
        return JSON.readTree(server.send("GET", "/api/v1/plugins/" + id, server.admin(), null)
                        .body())
                .path("host");
    }

    /** Whether the plugin runs in a host process of its own ({@code sandbox} or {@code process} isolation). */
    static boolean hosted(JsonNode host) {
        String isolation = host.path("isolation").asText("");
        return isolation.equals("sandbox") || isolation.equals("process");
    }

    /** The {@code tool.invoke} records of {@code tool} in {@code ws}, newest first. */
    static JsonNode audit(ServerApi server, ServerApi.Workspace ws, String tool) throws Exception {
        return JSON.readTree(server.send(
                                "GET",
                                "/api/v1/workspaces/" + ws.id() + "/audit?action=tool.invoke&target=tool:" + tool
                                        + "&limit=50",
                                ws.ownerKey(),
                                null)
                        .body())
                .path("items");
    }

    /** {@code text} with every {@code hex:<hex>} token a plugin sent decoded beside it. */
    static String decoded(String text) {
        StringBuilder all = new StringBuilder(text);
        Matcher hex = HEX.matcher(text);
        while (hex.find()) {
            String digits = hex.group(1);
            if (digits.length() % 2 == 0) {
                all.append('\n').append(new String(HexFormat.of().parseHex(digits), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** Processes of this machine whose command line holds {@code marker}. */
    static List<Long> processesMarked(String marker) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .contains(marker);
                        } catch (IOException e) {
                            return false; // gone meanwhile
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        }
    }

    /** Waits up to {@code seconds} for process {@code pid} to end; whether it did. */
    static boolean ends(long pid, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
