package io.portcullis.vault.internal.redaction;

import java.util.Random;

/**
 * Fake secret-shaped values, built at run time so that the repository holds no literal that looks
 * like a real key to a secret scanner.
 */
final class Fakes {

    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final String BASE64URL = ALNUM + "-_";
    static final String LOWER_HEX = "0123456789abcdef";

    private Fakes() {}

    /** {@code length} characters of {@code alphabet}, the same for the same seed. */
    static String chars(String alphabet, int length, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static String alnum(int length) {
        return chars(ALNUM, length, length);
    }

    static String jwt() {
        return "ey" + "J" + "hbGciOiJIUzI1NiJ9" + "." + "ey" + "JzdWIiOiIxMjM0In0" + "." + chars(BASE64URL, 43, 7);
    }

    static String pem() {
        return "-----" + "BEGIN RSA PRIVATE KEY-----\n" + chars(ALNUM, 64, 1) + "\n" + chars(ALNUM, 40, 2) + "==\n-----"
                + "END RSA PRIVATE KEY-----";
    }

    /** A Luhn-valid Visa test number, grouped by {@code separator} (empty for none). */
    static String card(String separator) {
        return String.join(separator, "4111", "1111", "1111", "1111");
    }
}
