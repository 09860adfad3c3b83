package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.web.ProblemException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The checks on a policy's lists: auto-approval rules, host patterns and private networks. */
final class PolicyRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EGRESS_FIELDS = Set.of("allow_hosts", "deny_hosts", "private_cidrs");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /** Address literals only, so that parsing never looks a name up: a dotted quad, or IPv6 with colons. */
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]*");

    private PolicyRules() {}

    static List<WorkspacePolicy.AutoApproval> autoApprovals(@Nullable JsonNode node) {
        if (PolicyBody.absent(node)) {
            return List.of();
        }
        if (!node.isArray() || node.size() > PolicyBody.MAX_ENTRIES) {
            throw ProblemException.badRequest("Field 'auto_approve' must be an array of at most " + PolicyBody.MAX_ENTRIES + " rules.");
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
                    if (!argument.getValue().isValueNode() || argument.getValue().isNull()) {
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

    /** Host patterns: {@code api.example.com} or {@code *.example.com}, normalised to lower-case ASCII. */
    static List<String> hosts(@Nullable JsonNode egress, String field) {
        List<String> entries = strings(egress, field);
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String wildcard = entry.startsWith("*.") ? "*." : "";
            String host;
            try {
                host = wildcard + IDN.toASCII(entry.substring(wildcard.length()), IDN.USE_STD3_ASCII_RULES)
                        .toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                host = "";
            }
            if (host.length() > 253 || !HOST.matcher(host).matches()) {
                throw ProblemException.badRequest("Field 'egress." + field + "[" + i
                        + "]' must be a host name such as api.example.com or *.example.com.");
            }
            hosts.add(host);
        }
        return hosts;
    }

    /** Networks such as {@code 10.1.0.0/16} or {@code fd00::/8}: an address literal and a prefix length. */
    static List<String> cidrs(@Nullable JsonNode egress) {
        List<String> entries = strings(egress, "private_cidrs");
        List<String> cidrs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String[] parts = entry.split("/", -1);
            if (parts.length != 2 || !LITERAL.matcher(parts[0]).matches() || !parts[1].matches("[0-9]{1,3}")) {
                throw badCidr(i);
            }
            try {
                InetAddress address = InetAddress.getByName(parts[0]); // a literal: no lookup
                int prefix = Integer.parseInt(parts[1]);
                if (prefix > address.getAddress().length * 8) {
                    throw badCidr(i);
                }
                if (!insidePrivateBlock(address.getAddress(), prefix)) {
                    throw ProblemException.badRequest("Field 'egress.private_cidrs[" + i + "]' must lie inside a private"
                            + " range (10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, fc00::/7, ::1/128).");
                }
                cidrs.add(address.getHostAddress() + "/" + prefix);
            } catch (UnknownHostException e) {
                throw badCidr(i);
            }
        }
        return cidrs;
    }

    /**
     * The private blocks an intranet allowlist may open; the egress guard refuses the rest (link-local
     * and cloud metadata, reserved and benchmark ranges) whatever a workspace lists.
     */
    private static final List<Map.Entry<byte[], Integer>> PRIVATE_BLOCKS = List.of(
            Map.entry(new byte[] {10, 0, 0, 0}, 8), Map.entry(new byte[] {(byte) 172, 16, 0, 0}, 12),
            Map.entry(new byte[] {(byte) 192, (byte) 168, 0, 0}, 16), Map.entry(new byte[] {100, 64, 0, 0}, 10),
            Map.entry(new byte[] {127, 0, 0, 0}, 8), Map.entry(ipv6(0xfc), 7), Map.entry(loopback6(), 128));

    private static boolean insidePrivateBlock(byte[] network, int prefix) {
        for (Map.Entry<byte[], Integer> block : PRIVATE_BLOCKS) {
            byte[] base = block.getKey();
            if (base.length == network.length && prefix >= block.getValue() && samePrefix(base, network, block.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ipv6(int first) {
        byte[] bytes = new byte[16];
        bytes[0] = (byte) first;
        return bytes;
    }

    private static byte[] loopback6() {
        byte[] bytes = new byte[16];
        bytes[15] = 1;
        return bytes;
    }

    private static ProblemException badCidr(int i) {
        return ProblemException.badRequest("Field 'egress.private_cidrs[" + i + "]' must be a network such as 10.1.0.0/16.");
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
            throw ProblemException.badRequest("Field 'egress." + field + "' must be an array of at most "
                    + PolicyBody.MAX_ENTRIES + " strings.");
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
