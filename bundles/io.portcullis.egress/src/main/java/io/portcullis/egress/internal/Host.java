package io.portcullis.egress.internal;

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

    /** Dotted decimal, or the RFC 5952 form of IPv6 (lower case, longest zero run as {@code ::}). */
    static String text(byte[] address) {
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
