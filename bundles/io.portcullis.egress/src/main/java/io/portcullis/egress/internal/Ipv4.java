package io.portcullis.egress.internal;

import java.util.Optional;

/**
 * IPv4 host text parsed to four bytes by this class, not by {@link java.net.InetAddress}, so every
 * spelling a resolver or browser might accept is decided here, explicitly: the WHATWG URL rules
 * (which follow {@code inet_aton}) — one to four parts, each decimal, octal (leading {@code 0}) or
 * hexadecimal ({@code 0x}), the last part filling the remaining bytes: {@code 2130706433},
 * {@code 0177.0.0.1}, {@code 0x7f.1} and {@code 127.1} are all 127.0.0.1. A host whose last label is
 * a number is an address or nothing: if it does not parse, it is refused rather than sent to DNS.
 */
public final class Ipv4 {

    private Ipv4() {}

    /** Whether {@code host} (ASCII, lower case, no trailing dot) must be read as an IPv4 address. */
    static boolean endsInNumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.startsWith("0x")) {
            return last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
        }
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The address in any legacy spelling; empty if it is not a valid one. */
    static Optional<byte[]> parseLegacy(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = number(parts[i]);
            boolean last = i == parts.length - 1;
            long max = last ? (1L << (8 * (5 - parts.length))) - 1 : 255;
            if (part < 0 || part > max) {
                return Optional.empty();
            }
            value = last ? value | part : value | (part << (8 * (3 - i)));
        }
        return Optional.of(bytes(value));
    }

    /** One part's value, or -1 if it is not a number in one of the three bases (or too long). */
    private static long number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return -1; // "", "0x": inet_aton refuses them, and so do we
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 12) {
            return -1; // larger than any part could be, and would overflow
        }
        long value = 0;
        for (char c : significant.toCharArray()) {
            int digit = c < 128 ? Character.digit(c, radix) : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }

    private static byte[] bytes(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
