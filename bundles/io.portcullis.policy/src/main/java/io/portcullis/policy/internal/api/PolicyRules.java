package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.net.EgressRuleSyntax;
import io.portcullis.spi.net.RuleException;
import io.portcullis.web.ProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The checks on a policy's lists: auto-approval rules, host patterns and private networks. */
final class PolicyRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EGRESS_FIELDS = Set.of("allow_hosts", "deny_hosts", "private_cidrs");

    private PolicyRules() {}

    static List<WorkspacePolicy.AutoApproval> autoApprovals(@Nullable JsonNode node) {
        if (PolicyBody.absent(node)) {
            return List.of();
        }
        if (!node.isArray() || node.size() > PolicyBody.MAX_ENTRIES) {
            throw ProblemException.badRequest(
                    "Field 'auto_approve' must be an array of at most " + PolicyBody.MAX_ENTRIES + " rules.");
        }
        List<WorkspacePolicy.AutoApproval> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode rule = node.get(i);
            String field = "auto_approve[" + i + "]";
            JsonNode tool = rule.path("tool");
            if (!rule.isObject() || !tool.isTextual() || !PolicyBody.validTool(tool.textValue())) {
                throw ProblemException.badRequest("Field '" + field + ".tool' must be a tool name such as http.fetch.");
            }
            JsonNode arguments = rule.path("arguments");
            Map<String, Object> values = new LinkedHashMap<>();
            if (!arguments.isMissingNode() && !arguments.isNull()) {
                if (!arguments.isObject()) {
                    throw ProblemException.badRequest("Field '" + field + ".arguments' must be an object.");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = arguments.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> argument = it.next();
                    if (!argument.getValue().isValueNode()
                            || argument.getValue().isNull()) {
                        throw ProblemException.badRequest("Field '" + field + ".arguments." + argument.getKey()
                                + "' must be a string, number or boolean.");
                    }
                    values.put(argument.getKey(), JSON.convertValue(argument.getValue(), Object.class));
                }
            }
            rules.add(new WorkspacePolicy.AutoApproval(tool.textValue(), values));
        }
        return rules;
    }

    /**
     * The tainted-call rules: an object of {@code read}, {@code write} and {@code destructive}, each
     * {@code allow}, {@code approve} or {@code deny}; a risk left out (or null) takes its default. An
     * unknown risk or mode is refused naming the field, never echoing the value.
     */
    static WorkspacePolicy.TaintedCalls taintedCalls(@Nullable JsonNode node) {
        WorkspacePolicy.TaintedCalls base = WorkspacePolicy.TaintedCalls.DEFAULT;
        if (PolicyBody.absent(node)) {
            return base;
        }
        if (!node.isObject()) {
            throw ProblemException.badRequest(
                    "Field 'tainted_calls' must be an object of read, write and destructive.");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!PolicyBody.RISKS.contains(name)) {
                throw ProblemException.badRequest("Field 'tainted_calls." + name + "' is not known: the risks are"
                        + " read, write and destructive.");
            }
        });
        return new WorkspacePolicy.TaintedCalls(
                mode(node, "read", base.read()),
                mode(node, "write", base.write()),
                mode(node, "destructive", base.destructive()));
    }

    private static WorkspacePolicy.TaintMode mode(JsonNode rules, String risk, WorkspacePolicy.TaintMode base) {
        JsonNode value = rules.get(risk);
        if (PolicyBody.absent(value)) {
            return base;
        }
        WorkspacePolicy.TaintMode mode = value.isTextual() ? WorkspacePolicy.TaintMode.parse(value.textValue()) : null;
        if (mode == null) {
            throw ProblemException.badRequest(
                    "Field 'tainted_calls." + risk + "' must be one of allow, approve or deny.");
        }
        return mode;
    }

    /**
     * Host patterns ({@code api.example.com} or {@code *.example.com}), by the one rule syntax the egress
     * guard builds its rules with, so every list saved here is one the guard accepts.
     */
    static List<String> hosts(@Nullable JsonNode egress, String field) {
        List<String> entries = strings(egress, field);
        try {
            return EgressRuleSyntax.hostPatterns("egress." + field, entries);
        } catch (RuleException e) {
            throw problem(e);
        }
    }

    /**
     * Intranet networks such as {@code 10.1.0.0/16} or {@code fd00::/8}, by the one rule syntax: only RFC
     * 1918 and unique-local blocks; loopback, link-local, metadata and every other range is refused naming it.
     */
    static List<String> cidrs(@Nullable JsonNode egress) {
        List<String> entries = strings(egress, "private_cidrs");
        try {
            return EgressRuleSyntax.privateCidrs("egress.private_cidrs", entries);
        } catch (RuleException e) {
            throw problem(e);
        }
    }

    private static ProblemException problem(RuleException e) {
        String field = e.index() < 0 ? e.field() : e.field() + "[" + e.index() + "]";
        return ProblemException.badRequest("Field '" + field + "' " + e.rule() + ".");
    }

    private static List<String> strings(@Nullable JsonNode egress, String field) {
        if (PolicyBody.absent(egress)) {
            return List.of();
        }
        if (!egress.isObject()) {
            throw ProblemException.badRequest("Field 'egress' must be an object.");
        }
        egress.fieldNames().forEachRemaining(name -> {
            if (!EGRESS_FIELDS.contains(name)) {
                throw ProblemException.badRequest("Field 'egress." + name + "' is not known.");
            }
        });
        JsonNode list = egress.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > PolicyBody.MAX_ENTRIES) {
            throw ProblemException.badRequest(
                    "Field 'egress." + field + "' must be an array of at most " + PolicyBody.MAX_ENTRIES + " strings.");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw ProblemException.badRequest("Field 'egress." + field + "[" + i + "]' must be a string.");
            }
            values.add(list.get(i).textValue());
        }
        return values;
    }
}
