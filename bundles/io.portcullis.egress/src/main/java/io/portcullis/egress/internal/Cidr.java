package io.portcullis.egress.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An address block: {@code network/prefix}, IPv4 or IPv6. Parsed strictly (dotted decimal for IPv4,
 * an IPv6 literal without zone), since it is configuration a person types and reads back.
 *
 * @param network the block's first address (4 or 16 bytes)
 * @param prefix  how many leading bits every member shares with {@code network}
 */
record Cidr(byte[] network, int prefix) {

    /** {@code text} as a block; empty if malformed, if the prefix is out of range or host bits are set. */
    static Optional<Cidr> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || !text.substring(slash + 1).matches("[0-9]{1,3}")) {
            return Optional.empty();
        }
        Optional<byte[]> address = address(text.substring(0, slash));
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (address.isEmpty() || prefix > address.get().length * 8) {
            return Optional.empty();
        }
        Cidr cidr = new Cidr(address.get(), prefix);
        return cidr.isNetworkAddress() ? Optional.of(cidr) : Optional.empty();
    }

    static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("bad block " + text));
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this block; never across families. */
    boolean contains(byte[] address) {
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
    boolean covers(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    /** The canonical text, as stored back into configuration. */
    String text() {
        return Host.text(network) + "/" + prefix;
    }

    private boolean isNetworkAddress() {
        for (int bit = prefix; bit < network.length * 8; bit++) {
            if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<byte[]> address(String text) {
        return text.contains(":") ? v6(text) : Ipv4.parseStrict(text);
    }

    /**
     * The 16 bytes of an IPv6 literal (no brackets, no zone); empty if malformed. IPv4-mapped forms
     * stay 16 bytes here, though {@link InetAddress} turns them into IPv4 addresses.
     */
    static Optional<byte[]> v6(String text) {
        if (!text.contains(":") || !text.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty(); // no zone ids, and nothing InetAddress would send to DNS
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (bytes.length == 16) {
                return Optional.of(bytes);
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return Optional.of(mapped);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
