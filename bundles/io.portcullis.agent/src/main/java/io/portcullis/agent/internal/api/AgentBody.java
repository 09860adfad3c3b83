package io.portcullis.agent.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an admin sends to create an agent ({@code name}, {@code instructions} and {@code model_profile}
 * required) or to change one (every field optional: merged over the current version).
 */
record AgentBody(
        @Nullable String name,
        @Nullable String instructions,
        @JsonProperty("model_profile") @Nullable String modelProfile,
        @Nullable List<String> tools,
        @Nullable LimitsBody limits,
        @Nullable HandoffBody handoff) {

    /** Limits per run; a missing one keeps its default (create) or its current value (change). */
    record LimitsBody(
            @JsonProperty("model_calls") @Nullable Integer modelCalls,
            @JsonProperty("tool_calls_per_turn") @Nullable Integer toolCallsPerTurn,
            @JsonProperty("wall_clock_seconds") @Nullable Integer wallClockSeconds,
            @JsonProperty("max_tokens") @Nullable Integer maxTokens) {}

    /** Handoff rules; a missing field keeps its default (create) or its current value (change). */
    record HandoffBody(
            @Nullable List<String> keywords, @Nullable String message) {}
}
