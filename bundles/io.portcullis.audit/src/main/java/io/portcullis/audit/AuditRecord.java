package io.portcullis.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A committed record: the event as stored (text redacted, arguments as their HMAC, hex) with its place
 * in its chain. {@code hash} is the lower-case hex SHA-256 of the record's canonical encoding followed
 * by {@code previousHash}; the first record of a chain follows 64 zeros, or the checkpoint left by
 * pruning.
 */
public record AuditRecord(
        String chain,
        long sequence,
        Instant time,
        @Nullable String workspaceId,
        Actor actor,
        String action,
        @Nullable String target,
        Decision decision,
        @Nullable String reasonCode,
        @Nullable String reasonText,
        @Nullable String argumentsHmac,
        @Nullable Integer resultStatus,
        @Nullable Long latencyMillis,
        @Nullable String requestId,
        String previousHash,
        String hash) {

    /** The chain of platform-level events (those of no workspace). */
    public static final String PLATFORM_CHAIN = "platform";

    /** What precedes the first record of a chain that was never pruned. */
    public static final String GENESIS = "0".repeat(64);
}
