package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET} and {@code PUT /api/v1/workspaces/{ws}/policy}. {@code read_only} is required;
 * every other field may be left out and then takes its default (a PUT replaces the whole policy).
 * Strict: wrong types, unknown fields inside {@code egress} and malformed entries answer 400 naming the field.
 */
record PolicyBody(
        @JsonProperty("read_only") boolean readOnly,
        @JsonProperty("four_eyes") boolean fourEyes,
        @JsonProperty("max_tool_calls_per_run") int maxToolCallsPerRun,
        @JsonProperty("auto_approve") List<Map<String, Object>> autoApprove,
        @JsonProperty("egress") Map<String, List<String>> egress) {

    static final int MAX_ENTRIES = 100;
    private static final Pattern TOOL = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");

    static PolicyBody of(WorkspacePolicy p) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (WorkspacePolicy.AutoApproval rule : p.autoApprove()) {
            rules.add(Map.of("tool", rule.tool(), "arguments", rule.arguments()));
        }
        Map<String, List<String>> egress = new LinkedHashMap<>();
        egress.put("allow_hosts", p.allowHosts());
        egress.put("deny_hosts", p.denyHosts());
        egress.put("private_cidrs", p.privateCidrs());
        return new PolicyBody(p.readOnly(), p.fourEyes(), p.maxToolCallsPerRun(), rules, egress);
    }

    @JsonCreator
    static PolicyBody parse(@JsonProperty("read_only") @Nullable JsonNode readOnly,
            @JsonProperty("four_eyes") @Nullable JsonNode fourEyes,
            @JsonProperty("max_tool_calls_per_run") @Nullable JsonNode maxCalls,
            @JsonProperty("auto_approve") @Nullable JsonNode autoApprove,
            @JsonProperty("egress") @Nullable JsonNode egress) {
        if (absent(readOnly)) {
            throw ProblemException.badRequest("Field 'read_only' is required.");
        }
        WorkspacePolicy policy = new WorkspacePolicy(bool("read_only", readOnly, false), bool("four_eyes", fourEyes, false),
                calls(maxCalls), PolicyRules.autoApprovals(autoApprove), PolicyRules.hosts(egress, "allow_hosts"),
                PolicyRules.hosts(egress, "deny_hosts"), PolicyRules.cidrs(egress));
        return of(policy);
    }

    WorkspacePolicy policy() {
        List<WorkspacePolicy.AutoApproval> rules = new ArrayList<>();
        for (Map<String, Object> rule : autoApprove) {
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = (Map<String, Object>) rule.get("arguments");
            rules.add(new WorkspacePolicy.AutoApproval((String) rule.get("tool"), arguments));
        }
        return new WorkspacePolicy(readOnly, fourEyes, maxToolCallsPerRun, rules, egress.get("allow_hosts"),
                egress.get("deny_hosts"), egress.get("private_cidrs"));
    }

    static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static boolean bool(String field, @Nullable JsonNode node, boolean fallback) {
        if (absent(node)) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ProblemException.badRequest("Field '" + field + "' must be true or false.");
        }
        return node.booleanValue();
    }

    private static int calls(@Nullable JsonNode node) {
        if (absent(node)) {
            return WorkspacePolicy.DEFAULT_MAX_TOOL_CALLS_PER_RUN;
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > 1000) {
            throw ProblemException.badRequest("Field 'max_tool_calls_per_run' must be a whole number from 1 to 1000.");
        }
        return node.intValue();
    }

    static boolean validTool(String name) {
        return name.length() <= 64 && TOOL.matcher(name).matches();
    }
}
