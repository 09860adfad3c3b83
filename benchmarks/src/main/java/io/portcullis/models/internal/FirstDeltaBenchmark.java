package io.portcullis.models.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.model.testing.FakeModelServer;
import io.portcullis.model.testing.Fixture;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * First streamed delta to the SSE client, through a running server (model-calls.sh starts it): the
 * {@link FakeModelServer} runs in this JVM, the shipped {@code io.portcullis.model.openai} plugin (in its
 * sandboxed host) calls it over the egress guard, and this client reads {@code POST /completions} as
 * server-sent events. Each sample is the time from the fake server's flush of an upstream event
 * ({@link FakeModelServer#sentNanos()}, same {@link System#nanoTime} clock) to the moment the client reads
 * the line {@code event: delta}. Baseline: the same client reading the fake server directly.
 *
 * <p>The gateway holds text back until a whitespace arrives (so that a secret split across chunks is
 * redacted whole: {@code holdBackDeltas}, on by default). The fixture's first content chunk is
 * {@code "Hello"} and its second {@code "! How can"}, so the first delta leaves Portcullis when the second
 * chunk arrives: the figure is measured from that chunk's flush, and also from the first chunk's (which
 * adds one {@code pausePerEvent}).
 *
 * <p>Arguments: base URL, admin key, the server's config folder. System properties: {@code n} (200),
 * {@code pauseMs} (5).
 */
public final class FirstDeltaBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI = "io.portcullis.model.openai";
    private static final String FIXTURE = "openai/plain";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String admin;

    private FirstDeltaBenchmark(String base, String admin) {
        this.base = base;
        this.admin = admin;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("n", 200);
        int pause = Integer.getInteger("pauseMs", 5);
        try (FakeModelServer models = FakeModelServer.start()) {
            models.pausePerEvent(Duration.ofMillis(pause));
            new FirstDeltaBenchmark(args[0], args[1]).run(models, Path.of(args[2]), n, pause);
        }
        System.exit(0);
    }

    private void run(FakeModelServer models, Path config, int n, int pause) throws Exception {
        List<String> events = Fixture.load(FIXTURE).events();
        int first = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).contains("\"delta\":{\"content\":\"")) {
                first = i;
                break;
            }
        }
        int release = first + 1; // "! How can": the first whitespace, which releases the held text

        // The plugin is in deploy/, pending: grant it, and let it reach the fake server (loopback).
        expect(
                200,
                send(
                        "POST",
                        "/api/v1/plugins/" + OPENAI + "/grant",
                        admin,
                        json(Map.of("scopes", List.of("net.egress", "vault.use")))));
        String origin = "http://127.0.0.1:" + models.baseUri().getPort();
        Files.writeString(
                config.resolve("io.portcullis.egress.cfg"), "privateEndpoints = " + OPENAI + "=" + origin + "\n");
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!body(send("GET", "/api/v1/plugins/" + OPENAI, admin, null))
                .path("private_endpoints")
                .toString()
                .contains(origin)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the egress guard did not load the private endpoint");
            }
            Thread.sleep(100);
        }
        JsonNode created = body(expect(
                201,
                send(
                        "POST",
                        "/api/v1/workspaces",
                        admin,
                        "{\"name\":\"Bench\",\"owner\":{\"name\":\"Bench owner\"}}")));
        String ws = created.path("workspace").path("id").asText();
        String key = created.path("api_key").path("key").asText();
        String w = "/api/v1/workspaces/" + ws;
        expect(
                200,
                send(
                        "PUT",
                        "/api/v1/model-prices",
                        admin,
                        json(Map.of(
                                "plugin_id",
                                OPENAI,
                                "model",
                                "gpt-bench",
                                "input_micros_per_million",
                                150_000,
                                "output_micros_per_million",
                                600_000))));
        expect(
                200,
                send(
                        "PUT",
                        w + "/budget",
                        key,
                        json(Map.of(
                                "monthly_limit_micros",
                                1_000_000_000L,
                                "calls_per_minute",
                                100_000,
                                "tokens_per_minute",
                                100_000_000))));
        String credential = body(expect(
                        201,
                        send(
                                "POST",
                                w + "/credentials",
                                key,
                                json(Map.of(
                                        "name",
                                        "model key",
                                        "kind",
                                        "bearer_token",
                                        "value",
                                        "sk-bench-0123456789abcdef",
                                        "allowed_hosts",
                                        List.of("127.0.0.1"))))))
                .path("id")
                .asText();
        expect(204, send("PUT", w + "/credentials/" + credential + "/bindings/" + OPENAI, key, null));
        expect(200, send("PUT", w + "/plugins/" + OPENAI, key, null));
        expect(
                201,
                send(
                        "POST",
                        w + "/models",
                        key,
                        json(Map.of(
                                "name",
                                "bench",
                                "plugin",
                                OPENAI,
                                "model",
                                "gpt-bench",
                                "credential",
                                credential,
                                "base_url",
                                models.baseUri(FIXTURE).toString(),
                                "max_tokens",
                                256))));

        String completion = json(Map.of(
                "model",
                "bench",
                "messages",
                List.of(Map.of("role", "user", "content", "Say hello.")),
                "max_tokens",
                256));
        HttpRequest viaPortcullis = HttpRequest.newBuilder(URI.create(base + w + "/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(completion))
                .build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create(models.baseUri(FIXTURE) + "/chat/completions"))
                .header("Authorization", "Bearer sk-bench-0123456789abcdef")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-bench\",\"stream\":true}"))
                .build();

        String[] firstText = new String[1];
        long[] fromRelease = new long[n];
        long[] fromFirst = new long[n];
        long[] baseline = new long[n];
        for (int i = -n / 5; i < n; i++) {
            long read = stream(viaPortcullis, "event: delta", firstText);
            List<Long> sent = models.sentNanos();
            long read2 = stream(direct, "\"delta\":{\"content\":\"", null);
            List<Long> sentDirect = models.sentNanos();
            if (i >= 0) {
                fromRelease[i] = read - sent.get(release);
                fromFirst[i] = read - sent.get(first);
                baseline[i] = read2 - sentDirect.get(first);
            }
        }
        System.out.printf(
                "first delta to the SSE client, openai plugin in its sandboxed host, pausePerEvent %d ms,"
                        + " n=%d (first delta's text: %s)%n",
                pause, n, firstText[0]);
        line("  via Portcullis, from the releasing chunk's flush", fromRelease);
        line("  via Portcullis, from the first content chunk's flush (+ hold-back)", fromFirst);
        line("  baseline: the fake server read directly, same client", baseline);
        Arrays.sort(fromRelease);
        Arrays.sort(baseline);
        System.out.printf(
                "  ratio via Portcullis (releasing chunk) / direct: p50 %.1fx, p99 %.1fx (goal p50 <= 20 ms)%n",
                ms(fromRelease, 0.5) / ms(baseline, 0.5), ms(fromRelease, 0.99) / ms(baseline, 0.99));
    }

    /**
     * Sends {@code request} and reads the whole stream; answers {@link System#nanoTime} when the first line
     * containing {@code marker} was read (and, if asked, keeps that event's data line).
     */
    private long stream(HttpRequest request, String marker, String[] text) throws Exception {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long at = -1;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean keep = false;
            while ((line = reader.readLine()) != null) {
                if (at < 0 && line.contains(marker)) {
                    at = System.nanoTime();
                    keep = text != null && text[0] == null;
                } else if (keep && line.startsWith("data: ")) {
                    text[0] = line.substring(6);
                    keep = false;
                }
            }
        }
        if (at < 0) {
            throw new IllegalStateException(request.uri() + ": no line with " + marker);
        }
        return at;
    }

    private static void line(String what, long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        System.out.printf("%-72s p50 %7.3f ms  p99 %7.3f ms%n", what, ms(sorted, 0.5), ms(sorted, 0.99));
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        boolean ok = status == 200 ? response.statusCode() / 100 == 2 : response.statusCode() == status;
        if (!ok) {
            throw new IllegalStateException(
                    response.request().method() + " " + response.request().uri() + " answered " + response.statusCode()
                            + " (expected " + status + "): " + response.body());
        }
        return response;
    }

    private static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }
}
