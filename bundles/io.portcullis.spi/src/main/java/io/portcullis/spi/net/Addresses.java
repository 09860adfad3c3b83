package io.portcullis.spi.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Address literals as configuration spells them, and their one canonical text. */
public final class Addresses {

    private Addresses() {}

    /** Only the canonical dotted-decimal form ({@code 10.1.0.0}), as configuration must spell it. */
    public static Optional<byte[]> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(bytes);
    }

    /**
     * The 16 bytes of an IPv6 literal (no brackets, no zone); empty if malformed. IPv4-mapped forms
     * stay 16 bytes here, though {@link InetAddress} turns them into IPv4 addresses.
     */
    public static Optional<byte[]> parseV6(String text) {
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

    /** Dotted decimal, or the RFC 5952 form of IPv6 (lower case, longest zero run as {@code ::}). */
    public static String text(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 255) + "." + (address[1] & 255) + "." + (address[2] & 255) + "." + (address[3] & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 255) << 8) | (address[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
