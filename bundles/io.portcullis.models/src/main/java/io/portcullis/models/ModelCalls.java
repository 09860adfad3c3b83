package io.portcullis.models;

import io.portcullis.spi.CompletionSink;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Calls a workspace's model through the metered path. A core-internal service (plugins never see it;
 * a plugin that wants a model asks for scope {@code model.invoke}). Thread-safe; blocks until the
 * completion ended, told to the sink as it streams.
 */
@ProviderType
public interface ModelCalls {

    /**
     * Makes {@code call}: profile, price, burst limits, budget reservation, redaction, the provider's
     * streamed call, settlement, usage and audit, in that order. The sink hears the deltas as they
     * arrive (already scrubbed of the workspace's secrets); the result is the whole completion.
     *
     * @throws ModelRefusal when a check refused the call or the provider failed; its
     *     {@link ModelRefusal#kind()} says which, and nothing was charged beyond what the provider used
     */
    ModelResult call(ModelCall call, CompletionSink sink) throws ModelRefusal;
}
