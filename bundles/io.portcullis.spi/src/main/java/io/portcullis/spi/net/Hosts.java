package io.portcullis.spi.net;

import java.net.IDN;
import java.util.Locale;

/**
 * The one canonical form of a DNS name: ASCII ({@link IDN#toASCII}, so {@code bücher.example} is
 * {@code xn--bcher-kva.example} and full-width letters and dots are folded), lower case, without the
 * trailing dot. Every comparison of names (patterns, the checked host, the name the HTTP client asks
 * the pinned resolver for) is made in this form, or an internationalised name passes the check in one
 * spelling and fails the send in the other.
 */
public final class Hosts {

    private Hosts() {}

    /**
     * {@code name} in canonical form.
     *
     * @throws IllegalArgumentException if it is not a valid (internationalised) name
     */
    public static String canonical(String name) {
        String ascii = IDN.toASCII(name, 0).toLowerCase(Locale.ROOT);
        return ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
    }
}
