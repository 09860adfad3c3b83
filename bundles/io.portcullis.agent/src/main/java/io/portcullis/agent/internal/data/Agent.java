package io.portcullis.agent.internal.data;

import java.time.Instant;

/** An agent at one of its versions. */
public record Agent(
        String id,
        String workspaceId,
        String name,
        int version,
        AgentConfig config,
        Instant createdAt,
        Instant updatedAt) {}
