package io.portcullis.egress.internal;

import io.portcullis.spi.net.Addresses;
import io.portcullis.spi.net.Hosts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only resolver for one hop: it answers the checked host with the checked addresses
 * and nothing else, so the connection goes where the guard looked (a second DNS answer never gets
 * asked), while TLS still sees the host name for SNI and the certificate check.
 */
final class PinnedDns implements DnsResolver {

    private final Target target;

    PinnedDns(Target target) {
        this.target = target;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (!canonical(host).equals(target.host().name())) {
            throw new UnknownHostException("not the checked host");
        }
        List<InetAddress> addresses = target.addresses();
        return addresses.toArray(new InetAddress[0]);
    }

    /**
     * The asked name in the form the guard checked: HttpClient hands an internationalised name over in
     * Unicode ({@code bücher.example}) though the request named {@code xn--bcher-kva.example}.
     */
    private static String canonical(String host) throws UnknownHostException {
        if (host.contains(":")) {
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return Addresses.parseV6(literal)
                    .map(Addresses::text)
                    .orElseThrow(() -> new UnknownHostException("not the checked host"));
        }
        try {
            return Hosts.canonical(host);
        } catch (IllegalArgumentException e) {
            throw new UnknownHostException("not the checked host");
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        resolve(host);
        return target.host().name(); // no reverse lookup: the name checked is the name used
    }
}
