package io.portcullis.vault.internal.credentials;

import io.portcullis.web.ProblemException;
import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The hosts a credential may be sent to: at most {@value #MAX} patterns, each a host name
 * ({@code api.example.com}) or a wildcard over the sub-domains of one ({@code *.example.com}, never
 * {@code *.com}). Stored lower-case, internationalised names as ASCII ({@code xn--}), duplicates once.
 * The egress layer matches them; this only keeps them well-formed.
 */
final class AllowedHosts {

    static final int MAX = 20;
    private static final int MAX_NAME = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final String FIELD = "Field 'allowed_hosts' ";

    private AllowedHosts() {}

    static List<String> require(@Nullable List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX) {
            throw ProblemException.badRequest(FIELD + "must have at most " + MAX + " entries.");
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            hosts.add(pattern(raw.get(i), i));
        }
        return List.copyOf(hosts);
    }

    private static String pattern(@Nullable String raw, int index) {
        if (raw == null) {
            throw bad(index);
        }
        boolean wildcard = raw.startsWith("*.");
        String host = ascii(wildcard ? raw.substring(2) : raw, index);
        String[] labels = host.split("\\.", -1);
        if (host.length() > MAX_NAME || (wildcard && labels.length < 2)) {
            throw bad(index);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw bad(index);
            }
        }
        return wildcard ? "*." + host : host;
    }

    private static String ascii(String host, int index) {
        try {
            return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw bad(index);
        }
    }

    private static ProblemException bad(int index) {
        return ProblemException.badRequest(FIELD + "entry " + index
                + " must be a host name such as api.example.com or *.example.com.");
    }
}
