package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider.Trust;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A step of a run, persisted before the next one starts.
 *
 * @param seq from 1
 * @param kind {@code model}, {@code tool} or {@code handoff}
 * @param state {@code started}, {@code done}, {@code failed}, {@code pending} (a tool call waiting for
 *     its approval) or {@code interrupted} (its node died before it ended; a tool step so marked is
 *     never run again)
 * @param detail JSON: for a model step its finish reason, usage and cost; for a tool step its
 *     redacted arguments and outcome code
 */
public record RunStep(
        String runId,
        int seq,
        String kind,
        String state,
        @Nullable String toolCallId,
        @Nullable String tool,
        @Nullable String approvalId,
        @Nullable String usageId,
        @Nullable String promptSha256,
        Trust label,
        String detail,
        Instant createdAt,
        @Nullable Instant finishedAt) {}
