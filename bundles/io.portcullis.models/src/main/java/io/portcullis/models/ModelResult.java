package io.portcullis.models;

import io.portcullis.spi.ModelProvider.Completion;
import io.portcullis.spi.ModelProvider.Usage;

/**
 * A model call that completed and was paid for.
 *
 * @param completion the model's whole answer (text scrubbed of the workspace's secrets)
 * @param usage the tokens charged: the provider's count, or the reservation's bound when it gave none
 * @param usageSource {@code provider} or {@code estimate}
 * @param costMicros what the call cost, in millionths of the price currency
 * @param usageId the id of the usage event that records it
 * @param latencyMillis the provider's time, from sending to the last byte
 */
public record ModelResult(
        Completion completion, Usage usage, String usageSource, long costMicros, String usageId, long latencyMillis) {}
