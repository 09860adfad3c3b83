package io.portcullis.egress;

import io.portcullis.spi.net.EgressRuleSyntax;
import java.util.List;

/**
 * A workspace's own egress rules, validated and normalised on construction, so a value of this type
 * is always usable: the policy API builds one from workspace input and reports the
 * {@link IllegalArgumentException}, whose message names the bad entry.
 *
 * @param allowHosts   host patterns ({@code api.example.com} or {@code *.example.com}, the latter for
 *                     sub-domains only); empty means any public host
 * @param denyHosts    host patterns refused even when public or allowed
 * @param privateCidrs intranet ranges (e.g. {@code 10.1.0.0/16}) whose addresses may be reached; each
 *                     must lie inside an RFC 1918 or unique-local block (10/8, 172.16/12, 192.168/16,
 *                     fc00::/7), so loopback, the server's own addresses, link-local, metadata and
 *                     reserved ranges can never be opened this way. Off (empty) by default.
 */
public record EgressRules(List<String> allowHosts, List<String> denyHosts, List<String> privateCidrs) {

    /** Nothing extra allowed: any public host, no private range. */
    public static final EgressRules DEFAULT = new EgressRules(List.of(), List.of(), List.of());

    /**
     * Normalises every entry by the one rule syntax, {@link EgressRuleSyntax} (lower case,
     * internationalised names as {@code xn--}, CIDRs canonical), which the policy API validates with too.
     *
     * @throws IllegalArgumentException naming the list and the index of the first bad entry
     */
    public EgressRules {
        allowHosts = EgressRuleSyntax.hostPatterns("allowHosts", allowHosts);
        denyHosts = EgressRuleSyntax.hostPatterns("denyHosts", denyHosts);
        privateCidrs = EgressRuleSyntax.privateCidrs("privateCidrs", privateCidrs);
    }

    /** Rules that only allow the hosts matching {@code patterns}. */
    public static EgressRules allowing(List<String> patterns) {
        return new EgressRules(patterns, List.of(), List.of());
    }
}
