package io.portcullis.agent.internal;

import java.time.Duration;

/**
 * The agent bundle's settings (configuration PID {@code io.portcullis.agent}).
 *
 * @param workers threads that advance runs (a run waiting for an approval holds none)
 * @param lease how long a node holds a run without renewing it; another node resumes it after that
 * @param sweepInterval how often the sweeper looks for runs without a live lease and decided approvals
 * @param maxWait the longest a run stays queued or awaiting an approval before it is {@code expired}
 * @param transcriptMessages the most messages of a conversation packed into a model call
 * @param streamsPerNode open event streams per node (503 with Retry-After beyond)
 * @param streamsPerWorkspace open event streams per workspace on a node (503 beyond)
 * @param eventRetention how long run events are kept for replay
 */
public record AgentSettings(
        int workers,
        Duration lease,
        Duration sweepInterval,
        Duration maxWait,
        int transcriptMessages,
        int streamsPerNode,
        int streamsPerWorkspace,
        Duration eventRetention) {

    public static final AgentSettings DEFAULT = new AgentSettings(
            16, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofHours(24), 50, 200, 20, Duration.ofHours(24));
}
