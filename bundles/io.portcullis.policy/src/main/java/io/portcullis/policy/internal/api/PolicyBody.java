package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The policy document of {@code /api/v1/workspaces/{ws}/policy}, as {@code GET} answers it. A {@code PUT}
 * sends it whole ({@link #whole}); a {@code PATCH} is merged into it and the result read with
 * {@link #withDefaults}. Strict either way: unknown fields, wrong types and malformed entries answer 400
 * naming the field, never echoing its value.
 */
record PolicyBody(
        @JsonProperty("read_only") boolean readOnly,
        @JsonProperty("four_eyes") boolean fourEyes,
        @JsonProperty("max_tool_calls_per_run") int maxToolCallsPerRun,
        @JsonProperty("auto_approve") List<Map<String, Object>> autoApprove,
        @JsonProperty("egress") Map<String, List<String>> egress,
        @JsonProperty("tainted_calls") Map<String, String> taintedCalls,
        @JsonProperty("version") String version) {

    static final int MAX_ENTRIES = 100;
    /** The fields a {@code PUT} must send. */
    static final List<String> FIELDS =
            List.of("read_only", "four_eyes", "max_tool_calls_per_run", "auto_approve", "egress");
    /**
     * The fields a document may have beside {@link #FIELDS}: {@code tainted_calls} (a {@code PUT} without it
     * keeps the rules in force) and {@code version}, which the server computes and a {@code PUT} may send
     * back as {@code GET} answered it (it is ignored).
     */
    static final String TAINTED_CALLS = "tainted_calls";

    static final String VERSION = "version";
    static final List<String> EGRESS_FIELDS = List.of("allow_hosts", "deny_hosts", "private_cidrs");
    static final List<String> RISKS = List.of("read", "write", "destructive");
    private static final Pattern TOOL = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    static PolicyBody of(WorkspacePolicy p) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (WorkspacePolicy.AutoApproval rule : p.autoApprove()) {
            rules.add(Map.of("tool", rule.tool(), "arguments", rule.arguments()));
        }
        Map<String, List<String>> egress = new LinkedHashMap<>();
        egress.put("allow_hosts", p.allowHosts());
        egress.put("deny_hosts", p.denyHosts());
        egress.put("private_cidrs", p.privateCidrs());
        Map<String, String> tainted = new LinkedHashMap<>();
        tainted.put("read", p.taintedCalls().read().id());
        tainted.put("write", p.taintedCalls().write().id());
        tainted.put("destructive", p.taintedCalls().destructive().id());
        return new PolicyBody(p.readOnly(), p.fourEyes(), p.maxToolCallsPerRun(), rules, egress, tainted, p.version());
    }

    /** The document as JSON without its {@code version}: the target a merge patch applies to. */
    static JsonNode json(WorkspacePolicy policy) {
        ObjectNode document = JSON.valueToTree(of(policy));
        document.remove(VERSION);
        return document;
    }

    /** Whether a {@code PUT}'s document sets the tainted-call rules (else it keeps those in force). */
    static boolean setsTaintedCalls(@Nullable JsonNode document) {
        return document != null && !absent(document.get(TAINTED_CALLS));
    }

    /**
     * A whole document, as a {@code PUT} sends it: every field, {@code egress}'s three lists included, must
     * be present and not {@code null}, so that nothing is reset by leaving it out; the 400 lists each missing one.
     */
    static WorkspacePolicy whole(@Nullable JsonNode document) {
        requireKnownFields(document);
        List<String> missing = new ArrayList<>();
        for (String field : FIELDS) {
            if (absent(document.get(field))) {
                missing.add(field);
            }
        }
        JsonNode egress = document.get("egress");
        if (egress != null && egress.isObject()) {
            for (String field : EGRESS_FIELDS) {
                if (absent(egress.get(field))) {
                    missing.add("egress." + field);
                }
            }
        }
        JsonNode tainted = document.get(TAINTED_CALLS);
        if (tainted != null && tainted.isObject()) {
            for (String risk : RISKS) {
                if (absent(tainted.get(risk))) {
                    missing.add(TAINTED_CALLS + "." + risk);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("Missing field(s): " + String.join(", ", missing) + ". A PUT replaces the"
                    + " whole policy: send every field (as GET answers it), or PATCH only the fields to change.");
        }
        return read(document);
    }

    /**
     * A document where a field left out takes its default: the result of a merge patch, which removed it.
     * {@code version} is the server's to compute: a patch setting it is refused.
     */
    static WorkspacePolicy withDefaults(@Nullable JsonNode document) {
        requireKnownFields(document);
        if (document.has(VERSION)) {
            throw ProblemException.badRequest("Field 'version' is read-only: the server computes it.");
        }
        return read(document);
    }

    private static WorkspacePolicy read(JsonNode d) {
        JsonNode egress = d.get("egress");
        return new WorkspacePolicy(
                bool("read_only", d.get("read_only")),
                bool("four_eyes", d.get("four_eyes")),
                calls(d.get("max_tool_calls_per_run")),
                PolicyRules.autoApprovals(d.get("auto_approve")),
                PolicyRules.hosts(egress, "allow_hosts"),
                PolicyRules.hosts(egress, "deny_hosts"),
                PolicyRules.cidrs(egress),
                PolicyRules.taintedCalls(d.get(TAINTED_CALLS)));
    }

    private static void requireKnownFields(@Nullable JsonNode document) {
        if (document == null || !document.isObject()) {
            throw ProblemException.badRequest("The policy must be a JSON object.");
        }
        document.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name) && !TAINTED_CALLS.equals(name) && !VERSION.equals(name)) {
                throw ProblemException.badRequest("Field '" + name + "' is not known.");
            }
        });
    }

    static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static boolean bool(String field, @Nullable JsonNode node) {
        if (absent(node)) {
            return false;
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
