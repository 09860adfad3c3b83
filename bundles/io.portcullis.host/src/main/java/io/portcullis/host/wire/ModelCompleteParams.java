package io.portcullis.host.wire;

import io.portcullis.spi.ModelProvider;

/** Params of {@code model.complete}; {@code deadline} in epoch milliseconds. */
public record ModelCompleteParams(
        long handle, String call, String workspaceId, long deadline, ModelProvider.CompletionRequest request) {}
