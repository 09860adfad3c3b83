package io.portcullis.policy;

import io.portcullis.spi.Risk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
 * @param taintedCalls what becomes of a call, per risk, whose caller has read untrusted content (an
 *     agent run's model that saw a customer's message or a tool result): run as usual, wait for an
 *     approval whatever the auto-approval rules say, or be refused
 */
public record WorkspacePolicy(
        boolean readOnly,
        boolean fourEyes,
        int maxToolCallsPerRun,
        List<AutoApproval> autoApprove,
        List<String> allowHosts,
        List<String> denyHosts,
        List<String> privateCidrs,
        TaintedCalls taintedCalls) {

    public static final int DEFAULT_MAX_TOOL_CALLS_PER_RUN = 20;

    /**
     * Nothing allowed beyond the defaults: not read-only, no four eyes, 20 calls per run, public hosts only,
     * tainted writes and destructive calls approved by an operator.
     */
    public static final WorkspacePolicy DEFAULT = new WorkspacePolicy(
            false, false, DEFAULT_MAX_TOOL_CALLS_PER_RUN, List.of(), List.of(), List.of(), List.of());

    public WorkspacePolicy {
        autoApprove = List.copyOf(autoApprove);
        allowHosts = List.copyOf(allowHosts);
        denyHosts = List.copyOf(denyHosts);
        privateCidrs = List.copyOf(privateCidrs);
        Objects.requireNonNull(taintedCalls, "taintedCalls");
    }

    /** A policy with the default {@link TaintedCalls#DEFAULT tainted-call rules}. */
    public WorkspacePolicy(
            boolean readOnly,
            boolean fourEyes,
            int maxToolCallsPerRun,
            List<AutoApproval> autoApprove,
            List<String> allowHosts,
            List<String> denyHosts,
            List<String> privateCidrs) {
        this(
                readOnly,
                fourEyes,
                maxToolCallsPerRun,
                autoApprove,
                allowHosts,
                denyHosts,
                privateCidrs,
                TaintedCalls.DEFAULT);
    }

    /** The same policy with {@code rules} for tainted calls. */
    public WorkspacePolicy withTaintedCalls(TaintedCalls rules) {
        return new WorkspacePolicy(
                readOnly, fourEyes, maxToolCallsPerRun, autoApprove, allowHosts, denyHosts, privateCidrs, rules);
    }

    /** The first auto-approval rule matching a call of {@code tool} with {@code arguments}, if any. */
    public boolean autoApproves(String tool, Map<String, ?> arguments) {
        return autoApprove.stream().anyMatch(rule -> rule.matches(tool, arguments));
    }

    /**
     * The policy's version: the SHA-256 (64 lower-case hex characters) of a canonical text of every field,
     * so equal policies have equal versions on every node and any change gives another. An approval is
     * bound to the version in force when it was asked for, and is void once the policy changed.
     * Computed on each call (a few microseconds): ask it when an approval is made or run, not per call.
     */
    public String version() {
        StringBuilder text = new StringBuilder(256);
        text.append("read_only=").append(readOnly);
        text.append(";four_eyes=").append(fourEyes);
        text.append(";max_tool_calls_per_run=").append(maxToolCallsPerRun);
        text.append(";auto_approve=[");
        for (AutoApproval rule : autoApprove) {
            text.append('{');
            string(text, rule.tool());
            text.append(':');
            for (Map.Entry<String, Object> argument : new TreeMap<>(rule.arguments()).entrySet()) {
                string(text, argument.getKey());
                text.append('=');
                value(text, argument.getValue());
                text.append(',');
            }
            text.append('}');
        }
        text.append("];allow_hosts=");
        strings(text, allowHosts);
        text.append(";deny_hosts=");
        strings(text, denyHosts);
        text.append(";private_cidrs=");
        strings(text, privateCidrs);
        text.append(";tainted_calls=")
                .append(taintedCalls.read().id())
                .append(',')
                .append(taintedCalls.write().id())
                .append(',')
                .append(taintedCalls.destructive().id());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A string with its length first, so that no content can pass for a separator. */
    private static void string(StringBuilder text, String value) {
        text.append(value.length()).append('"').append(value).append('"');
    }

    private static void strings(StringBuilder text, List<String> values) {
        text.append('[');
        for (String value : values) {
            string(text, value);
            text.append(',');
        }
        text.append(']');
    }

    /** A rule's value by type, numbers by their value whatever their Java class. */
    private static void value(StringBuilder text, @Nullable Object value) {
        if (value instanceof String s) {
            text.append('s');
            string(text, s);
        } else if (value instanceof Boolean b) {
            text.append('b').append(b);
        } else if (value instanceof Number n) {
            String number;
            try {
                number = new java.math.BigDecimal(n.toString())
                        .stripTrailingZeros()
                        .toPlainString();
            } catch (NumberFormatException e) {
                number = n.toString(); // NaN or an infinity
            }
            text.append('n').append(number);
        } else {
            text.append('o');
            string(text, String.valueOf(value));
        }
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

    /** What becomes of a tainted call: it runs as usual, it waits for an operator's approval, or it is refused. */
    public enum TaintMode {
        /** The usual path: the risk's own approval rules (a destructive call still needs one). */
        ALLOW,
        /** An approval, with reason {@code untrusted_context}, even when an auto-approval rule matches. */
        APPROVE,
        /** Refused (409 {@code tainted}); nothing runs. */
        DENY;

        /** The name in the API and the stored document. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode named {@code id} ({@code allow}, {@code approve} or {@code deny}), or null for another text. */
        public static @Nullable TaintMode parse(String id) {
            for (TaintMode mode : values()) {
                if (mode.id().equals(id)) {
                    return mode;
                }
            }
            return null;
        }
    }

    /**
     * The tainted-call rule for each risk.
     *
     * @param read calls of risk {@code read}; {@code allow} by default
     * @param write calls of risk {@code write}; {@code approve} by default
     * @param destructive calls of risk {@code destructive}; {@code approve} by default
     */
    public record TaintedCalls(TaintMode read, TaintMode write, TaintMode destructive) {

        public static final TaintedCalls DEFAULT =
                new TaintedCalls(TaintMode.ALLOW, TaintMode.APPROVE, TaintMode.APPROVE);

        public TaintedCalls {
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(write, "write");
            Objects.requireNonNull(destructive, "destructive");
        }

        /** The rule for calls of {@code risk}. */
        public TaintMode of(Risk risk) {
            return switch (risk) {
                case READ -> read;
                case WRITE -> write;
                case DESTRUCTIVE -> destructive;
            };
        }
    }
}
