package io.portcullis.models.internal.metering;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the metering routes, in the API's snake_case. Money in micros. */
final class MeteringViews {

    private MeteringViews() {}

    record PriceView(
            @JsonProperty("plugin_id") String pluginId,
            String model,
            long version,
            @JsonProperty("input_micros_per_million") long inputMicrosPerMillion,
            @JsonProperty("output_micros_per_million") long outputMicrosPerMillion,
            @JsonProperty("set_by") @Nullable String setBy,
            @JsonProperty("set_at") @Nullable Instant setAt) {

        static PriceView of(Price price) {
            return new PriceView(
                    price.pluginId(),
                    price.model(),
                    price.version(),
                    price.inputMicrosPerMillion(),
                    price.outputMicrosPerMillion(),
                    price.setBy(),
                    price.setAt());
        }
    }

    record PriceHistory(@JsonProperty("plugin_id") String pluginId, String model, List<PriceView> versions) {}

    record BudgetView(
            @JsonProperty("monthly_limit_micros") long monthlyLimitMicros,
            @JsonProperty("calls_per_minute") long callsPerMinute,
            @JsonProperty("tokens_per_minute") long tokensPerMinute,
            @JsonProperty("set_by") @Nullable String setBy,
            @JsonProperty("set_at") @Nullable Instant setAt) {

        static BudgetView of(Budget budget) {
            return new BudgetView(
                    budget.monthlyLimitMicros(),
                    budget.callsPerMinute(),
                    budget.tokensPerMinute(),
                    budget.setBy(),
                    budget.setAt());
        }
    }

    /** A workspace's usage for one calendar month (UTC): [period_start, period_end), dates as YYYY-MM-DD. */
    record UsageView(
            @JsonProperty("period_start") String periodStart,
            @JsonProperty("period_end") String periodEnd,
            @JsonProperty("limit_micros") long limitMicros,
            @JsonProperty("spent_micros") long spentMicros,
            @JsonProperty("reserved_micros") long reservedMicros,
            @JsonProperty("remaining_micros") long remainingMicros,
            @JsonProperty("by_model") List<ModelUsage> byModel,
            @JsonProperty("by_day") List<DayUsage> byDay) {}

    record ModelUsage(
            @JsonProperty("plugin_id") String pluginId,
            String model,
            long calls,
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("cost_micros") long costMicros) {}

    record DayUsage(
            String day,
            long calls,
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("cost_micros") long costMicros) {}
}
