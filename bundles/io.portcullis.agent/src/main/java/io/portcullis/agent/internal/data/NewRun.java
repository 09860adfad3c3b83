package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider.Trust;

/** A run to create, {@code queued}, with its counters at zero. */
public record NewRun(
        String conversationId,
        String agentId,
        int agentVersion,
        String triggerMessageId,
        String actorKind,
        String actorId,
        Trust label) {}
