package io.portcullis.vault.internal.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Redactor throughput by input shape (issue 12, goals ≥ 200 MB/s on mixed text and ≥ 50 MB/s on any
 * shape, per core): one 16 MiB text per shape, a realistic mix of logs, prose, JSON, config and code
 * with leaks in it, and hostile single lines that put an anchor every few characters (the shapes that
 * once fell to a few MB/s: runs of {@code bearer }, URL-like fragments, assignments, headers). Pattern
 * rules only, as for a workspace without credentials.
 *
 * <p>Baseline in the same run, on the same text: {@code copy} ({@code String.toCharArray}, a plain
 * copy of every character). Run {@code benchmarks/redactor.sh}: its {@link #main} runs JMH briefly and
 * prints MB/s of both and the ratio redactor / copy for each shape. The {@code bytes} counter is
 * input characters per second (ASCII, so bytes).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RedactorShapesBenchmark {

    static final int SIZE = 16 << 20;

    /** The hostile shapes: a unit repeated to {@link #SIZE} on one line. */
    static final Map<String, String> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("plain", "a");
        SHAPES.put("bearer", "bearer ");
        SHAPES.put("bearerTokens", "Bearer abcdefghijklmnopqrstuvwx ");
        SHAPES.put("urls", "http://a.b/c?d=e ");
        SHAPES.put("userinfo", "a://b:c");
        SHAPES.put("authorization", "Authorization: ");
        SHAPES.put("assignments", "password=");
        SHAPES.put("secretPairs", "\"password\":\"hunter22\",");
        SHAPES.put("tokenColon", "token: token ");
        SHAPES.put("apiKeyHeaders", "X-Api-Key: ");
        SHAPES.put("mysqlFlags", "mysql -p");
        SHAPES.put("digits", "4");
        SHAPES.put("groupedDigits", "4111 ");
        SHAPES.put("pemHeaders", "-----BEGIN PRIVATE KEY-----\n");
        SHAPES.put("jwtPrefix", "eyJ");
        SHAPES.put("vendorPrefix", "sk-");
        SHAPES.put("sessionCookie", "session=");
        SHAPES.put("discordLike", "MTA.MTA.");
        SHAPES.put("telegramLike", "123456789:AA");
    }

    @State(Scope.Benchmark)
    public static class Input {
        @Param({
            "mixed",
            "plain",
            "bearer",
            "bearerTokens",
            "urls",
            "userinfo",
            "authorization",
            "assignments",
            "secretPairs",
            "tokenColon",
            "apiKeyHeaders",
            "mysqlFlags",
            "digits",
            "groupedDigits",
            "pemHeaders",
            "jwtPrefix",
            "vendorPrefix",
            "sessionCookie",
            "discordLike",
            "telegramLike"
        })
        public String shape;

        String text;

        @Setup(Level.Trial)
        public void setUp() {
            text = shape.equals("mixed") ? mixed(new Random(42)) : repeat(SHAPES.get(shape));
        }
    }

    static String repeat(String unit) {
        return unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
    }

    /** 16 MiB of what a log or a prompt holds: log lines, prose, JSON, config and code, one leak in about 40 lines. */
    static String mixed(Random random) {
        String[] lines = {
            "2026-12-07T12:00:01.123Z INFO  [worker-3] request 4711 workspace 'ws-7' took 12 ms status=200",
            "The order was shipped to the customer and the payment confirmed; please check the invoice total.",
            "{\"id\": \"550e8400-e29b-41d4-a716-446655440000\", \"status\": \"ok\", \"items\": [1, 2, 3], \"token_type\": \"bearer\"}",
            "  max_tokens: 4096\n  temperature: 0.2\n  model: large-2026",
            "if (password == null) { throw new IllegalArgumentException(\"password is required\"); }",
            "curl -s https://api.example.com/v1/items?limit=10 -H 'Accept: application/json'",
            "commit 3f2a9c41b0e7d65a8c2f1e0b9a8d7c6b5a4f3e2d fixed the token refresh in the session cache",
            "DEBUG upstream returned 502 after 3 retries; retrying with backoff 250 ms (attempt 4 of 5)",
            "Reset your password: click the link below. The link expires in 24 hours.",
        };
        // Generated: no literal in the source looks like a key.
        String[] leaks = {
            "DB_PASSWORD=" + RedactorBenchmark.chars(random, 12),
            "curl -H \"Authorization: Bearer " + RedactorBenchmark.chars(random, 32) + "\" https://api.example.com",
            "aws_secret_access_key = " + RedactorBenchmark.chars(random, 40),
            "{\"client_secret\": \"" + RedactorBenchmark.chars(random, 40) + "\"}",
            "mysql -u root -p" + RedactorBenchmark.chars(random, 10) + " shop",
            "jdbc:postgresql://db:5432/app?user=app&password=" + RedactorBenchmark.chars(random, 12),
        };
        StringBuilder out = new StringBuilder(SIZE + 256);
        while (out.length() < SIZE) {
            out.append(
                            random.nextInt(40) == 0
                                    ? leaks[random.nextInt(leaks.length)]
                                    : lines[random.nextInt(lines.length)])
                    .append('\n');
        }
        return out.substring(0, SIZE);
    }

    @Benchmark
    public String redactor(Input in, RedactorBenchmark.Bytes bytes) {
        bytes.bytes += in.text.length();
        return Automaton.PATTERNS.redact(in.text);
    }

    @Benchmark
    public char[] copy(Input in, RedactorBenchmark.Bytes bytes) {
        bytes.bytes += in.text.length();
        return in.text.toCharArray();
    }

    /** Runs the suite briefly (or with the shapes given as arguments) and prints MB/s and the ratio per shape. */
    public static void main(String[] args) throws Exception {
        List<String> shapes = args.length > 0 ? List.of(args) : null;
        OptionsBuilder options = new OptionsBuilder();
        options.include(RedactorShapesBenchmark.class.getSimpleName() + "\\.")
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(2)
                .measurementTime(TimeValue.seconds(1))
                .forks(1);
        if (shapes != null) {
            options.param("shape", shapes.toArray(String[]::new));
        }
        Options built = options.build();
        Collection<RunResult> results = new Runner(built).run();
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (RunResult result : results) {
            String shape = result.getParams().getParam("shape");
            boolean ours = result.getParams().getBenchmark().endsWith(".redactor");
            double mbps = result.getSecondaryResults().get("bytes").getScore() / 1e6;
            rates.computeIfAbsent(shape, s -> new double[2])[ours ? 0 : 1] = mbps;
        }
        System.out.printf("%n%-16s %14s %14s %8s%n", "shape (16 MiB)", "redactor MB/s", "copy MB/s", "ratio");
        List<Double> hostile = new ArrayList<>();
        for (Map.Entry<String, double[]> e : rates.entrySet()) {
            double[] r = e.getValue();
            System.out.printf("%-16s %14.1f %14.1f %8.3f%n", e.getKey(), r[0], r[1], r[0] / r[1]);
            if (!e.getKey().equals("mixed") && !e.getKey().equals("plain")) {
                hostile.add(r[0]);
            }
        }
        hostile.stream()
                .mapToDouble(Double::doubleValue)
                .min()
                .ifPresent(min -> System.out.printf("worst hostile shape: %.1f MB/s%n", min));
    }
}
