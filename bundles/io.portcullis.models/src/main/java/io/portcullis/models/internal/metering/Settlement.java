package io.portcullis.models.internal.metering;

import io.portcullis.spi.ModelProvider.Usage;

/**
 * A settled call: the usage event written for it.
 *
 * @param usage the tokens charged
 * @param source {@value #PROVIDER} (its reported usage) or {@value #ESTIMATE} (the reservation's bound)
 */
public record Settlement(String usageId, long costMicros, Usage usage, String source) {

    public static final String PROVIDER = "provider";
    public static final String ESTIMATE = "estimate";
}
