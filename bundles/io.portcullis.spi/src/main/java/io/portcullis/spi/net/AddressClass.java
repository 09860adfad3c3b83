package io.portcullis.spi.net;

/**
 * What {@link AddressRanges} makes of one address.
 *
 * @param kind    who may open it
 * @param range   the range it fell in, for refusal messages ({@code "loopback 127.0.0.0/8"})
 * @param address the bytes a workspace's private CIDRs are matched against: the IPv4 address itself
 *                for an IPv4-mapped IPv6 address, the address otherwise
 */
public record AddressClass(Kind kind, String range, byte[] address) {

    public AddressClass {
        address = address.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    /** Who may open an address, from the most open to the never opened. */
    public enum Kind {
        /** Globally routable: any plugin may reach it (minus the workspace's deny list). */
        PUBLIC,
        /** RFC 1918 or unique-local: reached only inside a CIDR of the workspace's {@code private_cidrs}. */
        INTRANET,
        /**
         * The server's own machine (loopback, the server's own interface addresses) and carrier-grade
         * NAT shared space: never opened by a workspace; only a platform administrator's private endpoint
         * grant opens one exact origin to one plugin.
         */
        HOST,
        /** Never reached: link-local (cloud metadata), unspecified, multicast, broadcast, reserved, embeddings. */
        FORBIDDEN
    }
}
