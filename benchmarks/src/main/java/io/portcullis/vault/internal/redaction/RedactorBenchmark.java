package io.portcullis.vault.internal.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * Redactor throughput (issue 4, goal ≥ 200 MB/s per core) with 50 live secrets in the workspace, on a
 * realistic 4 KB prompt and a 1 MB log (clean lines with a handful of secrets), against a baseline in
 * the same run: the same rules as {@code java.util.regex} patterns, one per rule plus
 * {@code Pattern.quote} of each secret, applied in turn with {@code replaceAll}.
 *
 * <p>The {@code bytes} counter reports input characters per second (ASCII input, so bytes): divide by
 * 10^6 for MB/s. Both benchmarks check in set-up that every planted secret is redacted.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedactorBenchmark {

    static final int SECRETS = 50;
    static final String WORKSPACE = "ws-bench";

    /** Input characters processed, reported per second by JMH. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @State(Scope.Benchmark)
    public static class Inputs {
        @Param({"prompt4k", "log1m"})
        public String input;

        String text;
        List<String> secrets;
        LiveRedactor redactor;
        List<Pattern> baseline;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(42);
            secrets = new ArrayList<>();
            redactor = new LiveRedactor();
            for (int i = 0; i < SECRETS; i++) {
                String value = "cred-" + i + "-" + chars(random, 32);
                secrets.add(value);
                redactor.put(WORKSPACE, "c" + i, value);
            }
            text = input.equals("prompt4k") ? prompt(random) : log(random);
            baseline = baselinePatterns(secrets);
            String ours = redactor.redact(WORKSPACE, text);
            String theirs = regexRedact(baseline, text);
            for (String secret : secrets) {
                check(!ours.contains(secret) && !theirs.contains(secret), "a planted secret was not redacted");
            }
            check(!ours.contains(PLANTED_KEY) && !theirs.contains(PLANTED_KEY), "a planted key was not redacted");
        }

        /** A 4 KB prompt: instructions, a conversation, a tool result with two secrets in it. */
        private String prompt(Random random) {
            StringBuilder out = new StringBuilder(
                    "You are a helpful support agent for ACME Corp. Answer politely and cite order ids.\n");
            int turn = 0;
            while (out.length() < 4096 - 200) {
                out.append(turn % 2 == 0 ? "User: " : "Assistant: ")
                        .append(sentence(random, 30))
                        .append('\n');
                if (turn == 5) {
                    out.append("Tool result: {\"status\":\"ok\",\"token\":\"")
                            .append(secrets.get(7))
                            .append("\"}\n");
                }
                turn++;
            }
            out.append("Config: key=").append(PLANTED_KEY).append('\n');
            return out.toString();
        }

        /** A 1 MB log of ordinary lines with a handful of secrets and keys. */
        private String log(Random random) {
            StringBuilder out = new StringBuilder(1 << 20);
            int line = 0;
            while (out.length() < (1 << 20)) {
                out.append("2024-06-10T12:")
                        .append(10 + line % 50)
                        .append(':')
                        .append(10 + line % 49)
                        .append(".123Z INFO  [worker-")
                        .append(line % 8)
                        .append("] request ")
                        .append(100000 + line)
                        .append(" workspace 'ws-")
                        .append(line % 13)
                        .append("' ")
                        .append(sentence(random, 12));
                if (line % 2000 == 17) {
                    out.append(" secret=").append(secrets.get(line % SECRETS));
                }
                if (line % 5000 == 99) {
                    out.append(" key=").append(PLANTED_KEY);
                }
                out.append(" took ").append(line % 997).append(" ms\n");
                line++;
            }
            return out.toString();
        }
    }

    static final String PLANTED_KEY = "gh" + "p_" + "0123456789abcdefghijABCDEFGHIJ012345";

    private static final String[] WORDS = {
        "the", "order", "was", "shipped", "to", "customer", "and", "payment", "confirmed", "please", "check",
        "status", "of", "delivery", "invoice", "total", "refund", "requested", "by", "agent", "session", "cache",
        "miss", "retrying", "upstream", "returned", "with", "latency", "bearer", "authorization", "desk-top"
    };

    static String sentence(Random random, int words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.append('.').toString();
    }

    static String chars(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** The redactor's rules as regular expressions, as a straightforward implementation would write them. */
    static List<Pattern> baselinePatterns(List<String> secrets) {
        List<Pattern> patterns = new ArrayList<>();
        for (String rule : List.of(
                "(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,256}",
                "(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{20,256}",
                "(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])",
                "(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])",
                "(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{22,244}",
                "(?<![A-Za-z0-9])xox[bpars]-[A-Za-z0-9-]{10,250}",
                "(?<![A-Za-z0-9])(?:sk_live|rk_live|sk_test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9])",
                "(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])",
                "(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,250}",
                "(?<![A-Za-z0-9])SG\\.[A-Za-z0-9_-]{16,64}\\.[A-Za-z0-9_-]{16,128}",
                "(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])",
                "(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,64}(?![A-Za-z0-9])",
                "(?<![A-Za-z0-9])pk_[0-9a-f]{24}_[0-9a-f]{64}(?![A-Za-z0-9])",
                "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{7,8192}\\.[A-Za-z0-9_-]{2,8192}\\.[A-Za-z0-9_-]{0,8192}",
                "-----BEGIN [A-Z ]{0,64}PRIVATE KEY-----[\\s\\S]{0,16384}?-----END [A-Z ]{0,64}-----",
                "(?i)(?<![A-Za-z0-9])authorization[\"']?[ \\t]*[:=][ \\t]*[^\\r\\n]+",
                "(?i)(?<![A-Za-z0-9])bearer [A-Za-z0-9._~+/-]{16,}=*",
                "(?<=[A-Za-z0-9]://)([^/?#@:\\s\"'<>]*:)[^/?#\\s\"'<>]+(?=@)",
                "(?i)(?<![A-Za-z0-9])(?:session|sessionid|session_id|jsessionid|phpsessid|connect\\.sid)=[^;,\"'&\\s]{8,}",
                "(?i)_session=[^;,\"'&\\s]{8,}",
                "(?<![A-Za-z0-9])[2-6][0-9](?:[ -]?[0-9]){11,17}(?![A-Za-z0-9])")) {
            patterns.add(Pattern.compile(rule));
        }
        for (String secret : secrets) {
            patterns.add(Pattern.compile(Pattern.quote(secret)));
        }
        return patterns;
    }

    /** The baseline: every pattern in turn with {@code replaceAll} (card matches are not Luhn-checked, in its favour). */
    static String regexRedact(List<Pattern> patterns, String text) {
        String out = text;
        for (Pattern pattern : patterns) {
            // Group 1, where a rule has one, is context to keep (the user of a URL).
            out = pattern.matcher(out).replaceAll(pattern.matcher("").groupCount() > 0 ? "$1[REDACTED]" : "[REDACTED]");
        }
        return out;
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Benchmark
    public String redactor(Inputs in, Bytes bytes) {
        bytes.bytes += in.text.length();
        return in.redactor.redact(WORKSPACE, in.text);
    }

    @Benchmark
    public String regexBaseline(Inputs in, Bytes bytes) {
        bytes.bytes += in.text.length();
        return regexRedact(in.baseline, in.text);
    }
}
