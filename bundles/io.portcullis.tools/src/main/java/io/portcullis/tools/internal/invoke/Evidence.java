package io.portcullis.tools.internal.invoke;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.tools.Taint;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.internal.schema.JsonValues;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a tainted call's caller had read, as an approver and the audit record see it: the sources of the
 * untrusted content, the names of the arguments that also occur in it, and the hosts seen there. Names
 * and hosts only, never an argument's value; bounded, and redacted by the workspace's redactor.
 */
public final class Evidence {

    /** At most this many entries of each list are kept. */
    static final int MAX_ENTRIES = 32;
    /** At most this many characters of each entry are kept. */
    static final int MAX_CHARS = 200;
    /** At most this many entries of each list go into the audit record's text (itself cut at 1000 characters). */
    private static final int AUDIT_ENTRIES = 6;

    private static final int AUDIT_CHARS = 60;

    private Evidence() {}

    /**
     * {@code call} with its matched arguments kept only where they name one of its arguments (a top-level
     * name, or a path under one such as {@code options.lang} or {@code items[0]}): an entry that is
     * anything else, an argument's value by mistake, never reaches an approval or a record.
     */
    static ToolCall namesOnly(ToolCall call) {
        Taint taint = call.taint();
        if (!taint.untrusted() || taint.matchedArguments().isEmpty()) {
            return call;
        }
        List<String> names = taint.matchedArguments().stream()
                .filter(name -> names(name, call.arguments().keySet()))
                .toList();
        if (names.size() == taint.matchedArguments().size()) {
            return call;
        }
        return new ToolCall(
                call.workspaceId(),
                call.actor(),
                call.tool(),
                call.arguments(),
                call.runId(),
                call.timeout(),
                call.requestId(),
                new Taint(true, taint.sources(), names, taint.hosts()));
    }

    private static boolean names(String entry, Set<String> arguments) {
        for (String argument : arguments) {
            if (entry.equals(argument) || entry.startsWith(argument + ".") || entry.startsWith(argument + "[")) {
                return true;
            }
        }
        return false;
    }

    /** The evidence as JSON {@code {"sources":[…],"matched_arguments":[…],"hosts":[…]}}, each entry redacted. */
    public static String json(Taint taint, UnaryOperator<String> redact) {
        ObjectNode evidence = JsonValues.MAPPER.createObjectNode();
        evidence.set("sources", array(taint.sources(), redact));
        evidence.set("matched_arguments", array(taint.matchedArguments(), redact));
        evidence.set("hosts", array(taint.hosts(), redact));
        return JsonValues.canonical(evidence);
    }

    /**
     * The text the {@code tool.invoke} and {@code approval.request} records carry for a tainted call, such
     * as {@code "taint: untrusted; sources: [customer]; matched_arguments: [to]; hosts: [evil.example]"}.
     * Empty for a call whose caller read nothing untrusted. The audit log redacts it again.
     */
    static String auditText(Taint taint) {
        if (!taint.untrusted()) {
            return "";
        }
        return "taint: untrusted; sources: " + list(taint.sources()) + "; matched_arguments: "
                + list(taint.matchedArguments()) + "; hosts: " + list(taint.hosts());
    }

    private static ArrayNode array(List<String> entries, UnaryOperator<String> redact) {
        ArrayNode array = JsonValues.MAPPER.createArrayNode();
        entries.stream().limit(MAX_ENTRIES).forEach(entry -> array.add(cut(redact.apply(entry), MAX_CHARS)));
        return array;
    }

    private static String list(List<String> entries) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Math.min(entries.size(), AUDIT_ENTRIES); i++) {
            text.append(i == 0 ? "" : ", ").append(cut(entries.get(i), AUDIT_CHARS));
        }
        if (entries.size() > AUDIT_ENTRIES) {
            text.append(", … ").append(entries.size() - AUDIT_ENTRIES).append(" more");
        }
        return text.append(']').toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
