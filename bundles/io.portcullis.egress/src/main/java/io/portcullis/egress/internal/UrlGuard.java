package io.portcullis.egress.internal;

import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.net.AddressClass;
import io.portcullis.spi.net.AddressClass.Kind;
import io.portcullis.spi.net.Cidr;
import io.portcullis.spi.net.HostPatterns;
import io.portcullis.spi.net.PrivateEndpoint;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The check of one URL, from scratch, for the first hop and every redirect alike: scheme, user
 * information, host (normalised), names refused outright, the workspace's deny and allow lists, DNS
 * (once), and every resolved address. The result is the {@link Target} the connection is pinned to.
 *
 * <p>Addresses by {@link AddressRanges}, the same table the policy API validates {@code private_cidrs}
 * with: public ones pass; intranet ones only inside the workspace's CIDRs; the server's own machine
 * (loopback, its own interface addresses, whatever range they lie in) only for an origin a platform
 * administrator granted to the calling plugin; the rest never. A workspace's CIDRs never open an
 * address of the host, even if one got into its rules (defence in depth behind the syntax).
 */
public final class UrlGuard {

    /** The origins a call may reach on the server's machine: none, for checks outside a plugin call. */
    public static final Predicate<String> NO_GRANTS = origin -> false;

    private final HostResolver resolver;
    private final AddressClassifier classifier;

    UrlGuard(HostResolver resolver, AddressClassifier classifier) {
        this.resolver = resolver;
        this.classifier = classifier;
    }

    /** {@link #check(URI, EgressRules, Predicate)} without private endpoint grants. */
    public Target check(URI url, EgressRules rules) throws EgressException {
        return check(url, rules, NO_GRANTS);
    }

    /**
     * The checked target of {@code url} under {@code rules}, {@code granted} saying which canonical
     * origins ({@link PrivateEndpoint#origin}) the calling plugin was granted; REFUSED naming the rule,
     * FAILED if DNS fails.
     */
    public Target check(URI url, EgressRules rules, Predicate<String> granted) throws EgressException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("only http and https URLs are allowed");
        }
        if (url.isOpaque()) {
            throw refused("the URL has no host");
        }
        if (url.getRawUserInfo() != null
                || (url.getRawAuthority() != null && url.getRawAuthority().contains("@"))) {
            throw refused("URLs with user information are not allowed");
        }
        Host host = HostNames.of(url);
        int port = HostNames.port(url, scheme);
        boolean grantedOrigin = granted.test(PrivateEndpoint.origin(scheme, host.authority(), port));
        if (HostNames.reserved(host.name()) && !grantedOrigin) { // a platform grant may name localhost itself
            throw refused("host '" + host.name() + "' is reserved (local machine or cloud metadata)");
        }
        if (HostPatterns.anyMatches(rules.denyHosts(), host.name())) {
            throw refused("host '" + host.name() + "' is on the workspace's deny list");
        }
        if (!rules.allowHosts().isEmpty() && !HostPatterns.anyMatches(rules.allowHosts(), host.name())) {
            throw refused("host '" + host.name() + "' is not on the workspace's allow list");
        }
        List<InetAddress> addresses = addresses(host);
        boolean intranet = checkAddresses(host, addresses, rules, grantedOrigin);
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

    /** Refuses unless every address is allowed; true if one was not public (intranet or granted). */
    private boolean checkAddresses(Host host, List<InetAddress> addresses, EgressRules rules, boolean granted)
            throws EgressException {
        List<Cidr> cidrs = rules.privateCidrs().stream().map(Cidr::of).toList();
        boolean intranet = false;
        for (InetAddress address : addresses) {
            AddressClass found = classifier.classify(address.getAddress());
            boolean allowed = switch (found.kind()) {
                case PUBLIC -> true;
                case INTRANET -> granted || cidrs.stream().anyMatch(cidr -> cidr.contains(found.address()));
                case HOST -> granted;
                case FORBIDDEN -> false;
            };
            if (!allowed) {
                throw refused("host '" + host.name() + "' resolves to " + Host.text(address.getAddress()) + ", a "
                        + found.range() + " address" + why(found.kind()));
            }
            intranet |= found.kind() != Kind.PUBLIC;
        }
        return intranet;
    }

    private static String why(Kind kind) {
        return switch (kind) {
            case INTRANET -> ", outside the workspace's private CIDRs";
            case HOST ->
                " on the server's own machine, which only a platform administrator's private endpoint" + " grant opens";
            default -> "";
        };
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
