package io.portcullis.egress.internal;

import io.portcullis.spi.net.Addresses;
import org.jspecify.annotations.Nullable;

/**
 * A URL's host after normalisation: a DNS name in lower-case ASCII without trailing dot, or an
 * address literal. The one spelling the guard checks, matches patterns against and connects to.
 *
 * @param name    the name, or the literal's canonical text (dotted decimal, or RFC 5952 IPv6)
 * @param literal the address when the URL named one, else {@code null} (resolve {@code name})
 */
record Host(String name, byte @Nullable [] literal) {

    static Host named(String name) {
        return new Host(name, null);
    }

    static Host literal(byte[] address) {
        return new Host(text(address), address.clone());
    }

    /** The host as it goes into a URL's authority. */
    String authority() {
        return literal != null && literal.length == 16 ? "[" + name + "]" : name;
    }

    /** Dotted decimal, or the RFC 5952 form of IPv6. */
    static String text(byte[] address) {
        return Addresses.text(address);
    }
}
