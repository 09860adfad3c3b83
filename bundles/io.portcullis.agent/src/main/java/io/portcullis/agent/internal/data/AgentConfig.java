package io.portcullis.agent.internal.data;

import java.util.List;

/**
 * One version of an agent's configuration.
 *
 * @param instructions the system prompt
 * @param modelProfile the name of the workspace's model profile its turns use
 * @param tools the names of the tools it may call (a subset of the workspace's enabled tools when saved;
 *     a tool disabled since is simply not offered)
 * @param limits its per-run limits
 * @param handoff its handoff rules
 */
public record AgentConfig(
        String instructions, String modelProfile, List<String> tools, Limits limits, HandoffRules handoff) {

    public AgentConfig {
        tools = List.copyOf(tools);
    }
}
