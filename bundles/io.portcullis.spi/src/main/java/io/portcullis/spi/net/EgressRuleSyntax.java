package io.portcullis.spi.net;

import io.portcullis.spi.net.AddressClass.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's egress rule lists, validated and normalised: host patterns ({@link HostPatterns}) and
 * {@code private_cidrs}, which may hold only RFC 1918 and unique-local blocks
 * ({@link AddressRanges#INTRANET}): loopback, link-local (cloud metadata), carrier-grade NAT,
 * unspecified, multicast, broadcast, reserved and public ranges are refused, naming the range. The
 * policy API validates with this and the egress guard builds its rules with this, so whatever the one
 * accepts the other accepts.
 */
public final class EgressRuleSyntax {

    public static final int MAX_ENTRIES = 100;

    static final String INTRANET_ONLY =
            "private_cidrs may only hold ranges inside 10.0.0.0/8, 172.16.0.0/12," + " 192.168.0.0/16 or fc00::/7";

    private EgressRuleSyntax() {}

    /** {@code raw} host patterns, canonical and de-duplicated. */
    public static List<String> hostPatterns(String field, @Nullable List<String> raw) {
        List<String> entries = entries(field, raw);
        LinkedHashSet<String> patterns = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int index = i;
            patterns.add(HostPatterns.normalise(entry)
                    .orElseThrow(() -> new RuleException(
                            field, index, entry, "must be a host name such as api.example.com or *.example.com")));
        }
        return List.copyOf(patterns);
    }

    /** {@code raw} CIDRs, canonical and de-duplicated, each inside an RFC 1918 or unique-local block. */
    public static List<String> privateCidrs(String field, @Nullable List<String> raw) {
        List<String> entries = entries(field, raw);
        LinkedHashSet<String> cidrs = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int index = i;
            Cidr cidr = Cidr.parse(entry.strip())
                    .orElseThrow(() -> new RuleException(
                            field, index, entry, "must be a network such as 10.1.0.0/16 (no host bits set)"));
            if (!AddressRanges.intranet(cidr)) {
                throw new RuleException(field, i, entry, whyNot(cidr) + ": " + INTRANET_ONLY);
            }
            cidrs.add(cidr.text());
        }
        return List.copyOf(cidrs);
    }

    /** Names the range a refused block reaches into. */
    private static String whyNot(Cidr cidr) {
        AddressClass first = AddressRanges.classify(cidr.network());
        return first.kind() == Kind.INTRANET
                ? "reaches beyond " + first.range()
                : "covers " + first.range() + " addresses";
    }

    private static List<String> entries(String field, @Nullable List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_ENTRIES) {
            throw new RuleException(field, -1, "", "must have at most " + MAX_ENTRIES + " entries");
        }
        List<String> entries = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String entry = raw.get(i);
            if (entry == null) {
                throw new RuleException(field, i, "", "is missing");
            }
            entries.add(entry);
        }
        return entries;
    }
}
