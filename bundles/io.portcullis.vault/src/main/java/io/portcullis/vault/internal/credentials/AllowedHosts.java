package io.portcullis.vault.internal.credentials;

import io.portcullis.spi.net.HostPatterns;
import io.portcullis.web.ProblemException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hosts a credential may be sent to: at most {@value #MAX} patterns, each a host name
 * ({@code api.example.com}) or a wildcard over the sub-domains of one ({@code *.example.com}, never
 * {@code *.com}), by the one host pattern syntax the egress guard matches them with
 * ({@link HostPatterns}): stored lower-case, internationalised names as ASCII ({@code xn--}),
 * duplicates once.
 */
final class AllowedHosts {

    static final int MAX = 20;
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
            String entry = raw.get(i);
            int index = i;
            hosts.add((entry == null ? Optional.<String>empty() : HostPatterns.normalise(entry))
                    .orElseThrow(() -> bad(index)));
        }
        return List.copyOf(hosts);
    }

    private static ProblemException bad(int index) {
        return ProblemException.badRequest(
                FIELD + "entry " + index + " must be a host name such as api.example.com or *.example.com.");
    }
}
