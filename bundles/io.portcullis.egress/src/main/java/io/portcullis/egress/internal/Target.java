package io.portcullis.egress.internal;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * One hop's destination, checked: the normalised URL to request and the addresses, all allowed, that
 * the connection may use. Nothing resolves the host again after this.
 *
 * @param scheme    {@code http} or {@code https}
 * @param host      the normalised host (the name TLS checks the certificate against)
 * @param port      the port, defaults filled in
 * @param uri       the request URL rebuilt from the parts above, path and query as given, no fragment
 * @param addresses the checked addresses, in the resolver's order
 * @param intranet  whether an address was let through by one of the workspace's private CIDRs
 */
record Target(String scheme, Host host, int port, URI uri, List<InetAddress> addresses, boolean intranet) {

    Target {
        addresses = List.copyOf(addresses);
    }
}
