package io.portcullis.models.internal.metering;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.web.ProblemException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Request bodies of the metering routes, in the API's snake_case, checked as they are read (400 naming the field). */
final class MeteringBodies {

    /** A plugin id: a bundle symbolic name such as {@code io.portcullis.model.openai}. */
    static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
    /** A model id as providers name them: {@code gpt-4o-mini}, {@code llama3:8b}, {@code meta-llama/Llama-3-8B}. */
    static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/@+-]{1,255}");

    private MeteringBodies() {}

    /** A new price of a model, per million tokens in micros (0 for a free model). */
    record PriceBody(String pluginId, String model, long inputMicrosPerMillion, long outputMicrosPerMillion) {

        @JsonCreator
        PriceBody(
                @JsonProperty("plugin_id") @Nullable String pluginId,
                @JsonProperty("model") @Nullable String model,
                @JsonProperty("input_micros_per_million") @Nullable Long input,
                @JsonProperty("output_micros_per_million") @Nullable Long output) {
            this(
                    id("plugin_id", pluginId, PLUGIN_ID),
                    id("model", model, MODEL),
                    amount("input_micros_per_million", input, Costs.MAX_PRICE),
                    amount("output_micros_per_million", output, Costs.MAX_PRICE));
        }
    }

    /** A workspace's budget; the burst limits default to {@link Budget#DEFAULT}'s when left out. */
    record BudgetBody(long monthlyLimitMicros, long callsPerMinute, long tokensPerMinute) {

        @JsonCreator
        BudgetBody(
                @JsonProperty("monthly_limit_micros") @Nullable Long limit,
                @JsonProperty("calls_per_minute") @Nullable Long calls,
                @JsonProperty("tokens_per_minute") @Nullable Long tokens) {
            this(
                    amount("monthly_limit_micros", limit, Costs.MAX_LIMIT),
                    within("calls_per_minute", calls, Budget.DEFAULT_CALLS_PER_MINUTE, Budget.MAX_CALLS_PER_MINUTE),
                    within(
                            "tokens_per_minute",
                            tokens,
                            Budget.DEFAULT_TOKENS_PER_MINUTE,
                            Budget.MAX_TOKENS_PER_MINUTE));
        }

        Budget budget() {
            return new Budget(monthlyLimitMicros, callsPerMinute, tokensPerMinute, null, null);
        }
    }

    static String id(String field, @Nullable String value, Pattern format) {
        if (value == null) {
            throw ProblemException.badRequest("Field '" + field + "' is required.");
        }
        if (!format.matcher(value).matches()) {
            throw ProblemException.badRequest(
                    "Field '" + field + "' must be 1..255 characters of " + describe(format) + ".");
        }
        return value;
    }

    private static String describe(Pattern format) {
        return format == PLUGIN_ID ? "A-Z, a-z, 0-9, '_', '.' or '-'" : "A-Z, a-z, 0-9 or ._:/@+-";
    }

    private static long amount(String field, @Nullable Long value, long max) {
        if (value == null) {
            throw ProblemException.badRequest("Field '" + field + "' is required.");
        }
        if (value < 0 || value > max) {
            throw ProblemException.badRequest("Field '" + field + "' must be 0.." + max + ".");
        }
        return value;
    }

    private static long within(String field, @Nullable Long value, long absent, long max) {
        if (value == null) {
            return absent;
        }
        if (value < 1 || value > max) {
            throw ProblemException.badRequest("Field '" + field + "' must be 1.." + max + ".");
        }
        return value;
    }
}
