package io.portcullis.egress.internal;

import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The check of one URL, from scratch, for the first hop and every redirect alike: scheme, user
 * information, host (normalised), names refused outright, the workspace's deny and allow lists, DNS
 * (once), and every resolved address. The result is the {@link Target} the connection is pinned to.
 */
public final class UrlGuard {

    private final HostResolver resolver;

    public UrlGuard(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** The checked target of {@code url} under {@code rules}; REFUSED naming the rule, FAILED if DNS fails. */
    public Target check(URI url, EgressRules rules) throws EgressException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("only http and https URLs are allowed");
        }
        if (url.isOpaque()) {
            throw refused("the URL has no host");
        }
        if (url.getRawUserInfo() != null || (url.getRawAuthority() != null && url.getRawAuthority().contains("@"))) {
            throw refused("URLs with user information are not allowed");
        }
        Host host = HostNames.of(url);
        int port = HostNames.port(url, scheme);
        if (HostNames.reserved(host.name())) {
            throw refused("host '" + host.name() + "' is reserved (local machine or cloud metadata)");
        }
        if (HostPatterns.anyMatches(rules.denyHosts(), host.name())) {
            throw refused("host '" + host.name() + "' is on the workspace's deny list");
        }
        if (!rules.allowHosts().isEmpty() && !HostPatterns.anyMatches(rules.allowHosts(), host.name())) {
            throw refused("host '" + host.name() + "' is not on the workspace's allow list");
        }
        List<InetAddress> addresses = addresses(host);
        boolean intranet = checkAddresses(host, addresses, rules);
        return new Target(scheme, host, port, rebuild(url, scheme, host, port), addresses, intranet);
    }

    static EgressException refused(String why) {
        return new EgressException(Reason.REFUSED, why);
    }

    private List<InetAddress> addresses(Host host) throws EgressException {
        byte[] literal = host.literal();
        try {
            if (literal != null) {
                return List.of(InetAddress.getByAddress(host.name(), literal));
            }
            List<InetAddress> answer = resolver.resolve(host.name());
            if (answer.isEmpty()) {
                throw new UnknownHostException(host.name());
            }
            List<InetAddress> pinned = new ArrayList<>();
            for (InetAddress address : answer) {
                pinned.add(InetAddress.getByAddress(host.name(), address.getAddress()));
            }
            return pinned;
        } catch (UnknownHostException e) {
            throw new EgressException(Reason.FAILED, "host '" + host.name() + "' does not resolve");
        }
    }

    /** Refuses unless every address is allowed; true if a private CIDR let one through. */
    private static boolean checkAddresses(Host host, List<InetAddress> addresses, EgressRules rules)
            throws EgressException {
        List<Cidr> cidrs = rules.privateCidrs().stream().map(Cidr::of).toList();
        boolean intranet = false;
        for (InetAddress address : addresses) {
            Verdict verdict = AddressPolicy.classify(address.getAddress());
            if (!AddressPolicy.allowed(verdict, cidrs)) {
                String where = verdict.kind() == Verdict.Kind.PRIVATE ? ", outside the workspace's private CIDRs" : "";
                throw refused("host '" + host.name() + "' resolves to " + Host.text(address.getAddress()) + ", a "
                        + verdict.range() + " address" + where);
            }
            intranet |= verdict.kind() == Verdict.Kind.PRIVATE;
        }
        return intranet;
    }

    private static URI rebuild(URI url, String scheme, Host host, int port) throws EgressException {
        boolean defaultPort = port == ("https".equals(scheme) ? 443 : 80);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        try {
            return new URI(scheme + "://" + host.authority() + (defaultPort ? "" : ":" + port) + path + query);
        } catch (URISyntaxException e) {
            throw refused("the URL's path or query is malformed");
        }
    }
}
