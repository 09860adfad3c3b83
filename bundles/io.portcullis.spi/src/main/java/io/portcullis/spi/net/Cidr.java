package io.portcullis.spi.net;

import java.util.Arrays;
import java.util.Optional;

/**
 * An address block: {@code network/prefix}, IPv4 or IPv6. Parsed strictly (dotted decimal for IPv4,
 * an IPv6 literal without zone, no host bits set), since it is configuration a person types and
 * reads back: {@code 10.1.0.1/16} is refused, not silently widened.
 *
 * @param network the block's first address (4 or 16 bytes)
 * @param prefix  how many leading bits every member shares with {@code network}
 */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = network.clone();
    }

    /** {@code text} as a block; empty if malformed, if the prefix is out of range or host bits are set. */
    public static Optional<Cidr> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || !text.substring(slash + 1).matches("[0-9]{1,3}")) {
            return Optional.empty();
        }
        String literal = text.substring(0, slash);
        Optional<byte[]> address = literal.contains(":") ? Addresses.parseV6(literal) : Addresses.parseV4(literal);
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (address.isEmpty() || prefix > address.get().length * 8) {
            return Optional.empty();
        }
        Cidr cidr = new Cidr(address.get(), prefix);
        return cidr.isNetworkAddress() ? Optional.of(cidr) : Optional.empty();
    }

    /** A block the code spells itself; a malformed one is a bug. */
    public static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("bad block " + text));
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this block; never across families. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Whether all of {@code other} lies in this block. */
    public boolean covers(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    /** The canonical text, as stored back into configuration. */
    public String text() {
        return Addresses.text(network) + "/" + prefix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text();
    }

    private boolean isNetworkAddress() {
        for (int bit = prefix; bit < network.length * 8; bit++) {
            if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }
}
