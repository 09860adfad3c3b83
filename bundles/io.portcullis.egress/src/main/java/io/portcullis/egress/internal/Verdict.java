package io.portcullis.egress.internal;

/**
 * What {@link AddressPolicy} makes of one address.
 *
 * @param kind    whether it may be reached
 * @param range   the range it fell in, for the refusal message ({@code "loopback 127.0.0.0/8"})
 * @param address the bytes a workspace's private CIDRs are matched against: the IPv4 address itself
 *                for an IPv4-mapped IPv6 address, the address otherwise
 */
record Verdict(Kind kind, String range, byte[] address) {

    enum Kind {
        /** Globally routable: allowed. */
        PUBLIC,
        /** Private or loopback: allowed only inside a CIDR the workspace listed. */
        PRIVATE,
        /** Never allowed: link-local (cloud metadata), multicast, reserved, documentation, embeddings. */
        FORBIDDEN
    }
}
