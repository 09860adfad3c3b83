package io.portcullis.egress.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * A URL's host after normalisation: a DNS name in lower-case ASCII without trailing dot, or an
 * address literal. The one spelling the guard checks, matches patterns against and connects to.
 *
 * @param name    the name, or the literal's canonical text (dotted decimal, or IPv6 without brackets)
 * @param literal the address when the URL named one, else {@code null} (resolve {@code name})
 */
record Host(String name, byte @Nullable [] literal) {

    static Host named(String name) {
        return new Host(name, null);
    }

    static Host literal(byte[] address) {
        try {
            InetAddress parsed = address.length == 4
                    ? InetAddress.getByAddress(address)
                    : java.net.Inet6Address.getByAddress(null, address, null);
            return new Host(parsed.getHostAddress(), address.clone());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes", e);
        }
    }

    /** The host as it goes into a URL's authority. */
    String authority() {
        return literal != null && literal.length == 16 ? "[" + name + "]" : name;
    }
}
