package io.portcullis.egress.internal;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validation and normalisation of {@link io.portcullis.egress.EgressRules} entries, as the vault
 * validates a credential's {@code allowed_hosts}: a host name or {@code *.} over a name of at least two
 * labels (never {@code *.com}), internationalised names as {@code xn--}; CIDRs in canonical form, each
 * inside a private block ({@link AddressPolicy#OPENABLE}). Messages name the list and the entry.
 */
public final class RuleSyntax {

    static final int MAX_ENTRIES = 100;
    private static final int MAX_NAME = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private RuleSyntax() {}

    /** {@code raw} host patterns, normalised and de-duplicated. */
    public static List<String> hostPatterns(String field, @Nullable List<String> raw) {
        List<String> entries = entries(field, raw);
        LinkedHashSet<String> patterns = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            patterns.add(pattern(entries.get(i)).orElseThrow(bad(field, i, entries.get(i),
                    "must be a host name such as api.example.com or *.example.com")));
        }
        return List.copyOf(patterns);
    }

    /** {@code raw} CIDRs, canonical and de-duplicated, each inside a private block. */
    public static List<String> privateCidrs(String field, @Nullable List<String> raw) {
        List<String> entries = entries(field, raw);
        LinkedHashSet<String> cidrs = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            Cidr cidr = Cidr.parse(entry.strip()).orElseThrow(bad(field, i, entry,
                    "must be a network such as 10.1.0.0/16 (no host bits set)"));
            if (AddressPolicy.OPENABLE.stream().noneMatch(block -> block.covers(cidr))) {
                throw bad(field, i, entry, "must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16,"
                        + " 100.64.0.0/10, 127.0.0.0/8, fc00::/7 or ::1/128").get();
            }
            cidrs.add(cidr.text());
        }
        return List.copyOf(cidrs);
    }

    private static List<String> entries(String field, @Nullable List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(field + " must have at most " + MAX_ENTRIES + " entries");
        }
        List<String> entries = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String entry = raw.get(i);
            if (entry == null) {
                throw new IllegalArgumentException(field + " entry " + i + " is missing");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static Optional<String> pattern(String raw) {
        boolean wildcard = raw.startsWith("*.");
        String host;
        try {
            host = IDN.toASCII(wildcard ? raw.substring(2) : raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] labels = host.split("\\.", -1);
        if (host.length() > MAX_NAME || (wildcard && labels.length < 2)) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(wildcard ? "*." + host : host);
    }

    private static Supplier<IllegalArgumentException> bad(
            String field, int index, String entry, String rule) {
        Objects.requireNonNull(entry);
        String shown = entry.length() > 80 ? entry.substring(0, 80) + "..." : entry;
        return () -> new IllegalArgumentException(field + " entry " + index + " ('" + shown + "') " + rule);
    }
}
