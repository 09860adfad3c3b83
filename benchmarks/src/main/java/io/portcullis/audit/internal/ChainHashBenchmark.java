package io.portcullis.audit.internal;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.Decision;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The chain hash of one typical record, {@link Canonical#hash} (issue 5, goal ≤ 0.5 µs per record):
 * the canonical encoding plus SHA-256 over it and the previous hash, as the writer computes it for
 * every record; {@code encodeOnly} for the encoding's share. In the package of the class it measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChainHashBenchmark {

    private final AuditRecord record = new AuditRecord(
            "ws_0123456789abcdef",
            123_456,
            Instant.parse("2026-11-22T10:15:30.123456Z").truncatedTo(ChronoUnit.MICROS),
            "ws_0123456789abcdef",
            new Actor(Actor.API_KEY, "key_0123456789abcdef", "cred_0123456789abcdef"),
            "tool.invoke",
            "tool:http.fetch@1.2.0",
            Decision.ALLOWED,
            "ok",
            "allowed by policy 'default'",
            "ab".repeat(32),
            200,
            42L,
            "req_0123456789abcdef0123",
            "cd".repeat(32),
            "");

    @Benchmark
    public String hash() {
        return Canonical.hash(record);
    }

    @Benchmark
    public byte[] encodeOnly() {
        return Canonical.encode(record);
    }
}
