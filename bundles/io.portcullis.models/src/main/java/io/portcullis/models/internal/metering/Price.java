package io.portcullis.models.internal.metering;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A model's price, per million tokens in micros (millionths of the currency unit), as set by the
 * platform admin; 0 is a price (a local model).
 *
 * @param version 1 for the first price of the model, one more for each change
 * @param setBy who set it, as the audit record names them; null where not read
 * @param setAt when, on the database's clock; null where not read
 */
public record Price(
        String pluginId,
        String model,
        long version,
        long inputMicrosPerMillion,
        long outputMicrosPerMillion,
        @Nullable String setBy,
        @Nullable Instant setAt) {

    public Price(String pluginId, String model, long version, long inputMicrosPerMillion, long outputMicrosPerMillion) {
        this(pluginId, model, version, inputMicrosPerMillion, outputMicrosPerMillion, null, null);
    }
}
