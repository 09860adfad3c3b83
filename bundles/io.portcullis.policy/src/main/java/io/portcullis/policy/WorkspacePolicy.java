package io.portcullis.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a workspace decided about plugin calls in it. Set by its admins through
 * {@code PUT /api/v1/workspaces/{ws}/policy}; every change is on the workspace's audit chain.
 *
 * @param readOnly calls of risk {@code write} and {@code destructive} are refused
 * @param fourEyes an approval must come from someone other than the requester
 * @param maxToolCallsPerRun tool calls one run may make, 1..1000
 * @param autoApprove calls of risk {@code write} matching one of these need no approval
 *     ({@code destructive} calls always do)
 * @param allowHosts host patterns plugins may reach ({@code api.example.com}, {@code *.example.com});
 *     empty means any public host
 * @param denyHosts host patterns plugins may never reach, whatever the allowlist says
 * @param privateCidrs private networks plugins may reach (intranet APIs), such as {@code 10.1.0.0/16};
 *     empty by default: only public addresses
 */
public record WorkspacePolicy(
        boolean readOnly,
        boolean fourEyes,
        int maxToolCallsPerRun,
        List<AutoApproval> autoApprove,
        List<String> allowHosts,
        List<String> denyHosts,
        List<String> privateCidrs) {

    public static final int DEFAULT_MAX_TOOL_CALLS_PER_RUN = 20;

    /** Nothing allowed beyond the defaults: not read-only, no four eyes, 20 calls per run, public hosts only. */
    public static final WorkspacePolicy DEFAULT = new WorkspacePolicy(
            false, false, DEFAULT_MAX_TOOL_CALLS_PER_RUN, List.of(), List.of(), List.of(), List.of());

    public WorkspacePolicy {
        autoApprove = List.copyOf(autoApprove);
        allowHosts = List.copyOf(allowHosts);
        denyHosts = List.copyOf(denyHosts);
        privateCidrs = List.copyOf(privateCidrs);
    }

    /** The first auto-approval rule matching a call of {@code tool} with {@code arguments}, if any. */
    public boolean autoApproves(String tool, Map<String, ?> arguments) {
        return autoApprove.stream().anyMatch(rule -> rule.matches(tool, arguments));
    }

    /**
     * Calls of {@code tool} whose arguments include every entry of {@code arguments} with an equal value
     * (other arguments may be anything); an empty map matches every call of the tool.
     */
    public record AutoApproval(String tool, Map<String, Object> arguments) {

        public AutoApproval {
            Objects.requireNonNull(tool, "tool");
            arguments = Map.copyOf(arguments);
        }

        public boolean matches(String toolName, Map<String, ?> callArguments) {
            if (!tool.equals(toolName)) {
                return false;
            }
            for (Map.Entry<String, Object> wanted : arguments.entrySet()) {
                if (!Objects.equals(wanted.getValue(), callArguments.get(wanted.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
