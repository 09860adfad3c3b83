package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider.Trust;
import org.jspecify.annotations.Nullable;

/** A step to start: the store gives it the next sequence number of its run and the state {@code started}. */
public record NewStep(
        String kind,
        @Nullable String toolCallId,
        @Nullable String tool,
        @Nullable String promptSha256,
        Trust label,
        String detail) {}
