package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * What a value found by context (after {@code password=}, {@code -p}, {@code X-Api-Key:}) must not be
 * to count as a secret: a placeholder ({@code <your-token>}, {@code ${VAR}}, {@code $OPENAI_API_KEY},
 * {@code {{ .Values.token }}}), a masked value ({@code ****}, {@code sk-…abcd}), a public key or a
 * publishable key, or a word that stands for no value ({@code null}, {@code required}). Reads at most
 * {@link #LOOK} characters of the value, whatever its length, so a verifier's cost stays constant.
 */
final class Values {

    /** Characters of a value examined. */
    static final int LOOK = 64;

    /** Prefixes of placeholders, public keys and references, lower case, by their first character. */
    private static final String[][] NOT_SECRET = byFirstChar(List.of(
            "<",
            "${",
            "$(",
            "{{",
            "%(",
            "%s",
            "{",
            "your",
            "replace",
            "insert",
            "enter ",
            "enter_",
            "enter-",
            "example",
            "placeholder",
            "redacted",
            "[redacted",
            "process.env",
            "os.environ",
            "env.",
            "secrets.",
            "vault:",
            "arn:aws:",
            "pk_live_",
            "pk_test_",
            "ssh-rsa ",
            "ssh-ed25519 ",
            "ecdsa-sha2-",
            "-----begin public",
            "-----begin certificate"));
    /** Words that stand for no value, compared whole. */
    private static final String[][] NO_VALUE = byFirstChar(List.of(
            "null",
            "none",
            "nil",
            "true",
            "false",
            "undefined",
            "empty",
            "required",
            "optional",
            "string",
            "secret",
            "password",
            "token",
            "hidden",
            "masked",
            "default"));

    private Values() {}

    /** Whether {@code [start, end)} may be a secret: none of the look-alikes above. */
    static boolean maySecret(Scan scan, int start, int end) {
        int look = Math.min(end, start + LOOK);
        scan.work(look - start);
        for (String prefix : NOT_SECRET[AutomatonBuilder.fold(scan.at(start)) & 0x7f]) {
            if (scan.startsWithIgnoreCase(start, prefix)) {
                return false;
            }
        }
        if (end - start <= 12) {
            for (String word : NO_VALUE[AutomatonBuilder.fold(scan.at(start)) & 0x7f]) {
                if (end - start == word.length() && scan.startsWithIgnoreCase(start, word)) {
                    return false;
                }
            }
        }
        return !environmentVariable(scan, start, end) && !masked(scan, start, look) && !portcullisId(scan, start, end);
    }

    /**
     * One of Portcullis's own ids, 24 lowercase hex digits ({@code api_key:0f3a…} is how an audit record
     * names a key): public by design, in every URL and answer.
     */
    private static boolean portcullisId(Scan scan, int start, int end) {
        if (end - start != 24) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = scan.at(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The texts by their first character (arrays: this is read for every value found). */
    private static String[][] byFirstChar(List<String> texts) {
        String[][] table = new String[128][];
        for (int c = 0; c < 128; c++) {
            int first = c;
            table[c] = texts.stream().filter(t -> t.charAt(0) == first).toArray(String[]::new);
        }
        return table;
    }

    /** {@code $NAME} in capitals: a shell or CI variable, not its value. */
    private static boolean environmentVariable(Scan scan, int start, int end) {
        if (scan.at(start) != '$' || end - start > LOOK || end - start < 2) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            char c = scan.at(i);
            if (!(c >= 'A' && c <= 'Z') && c != '_' && !(i > start + 1 && CharClasses.isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    /** Three mask characters in a row, an ellipsis, or one character repeated throughout ({@code xxxxxxxx}). */
    private static boolean masked(Scan scan, int start, int look) {
        int row = 0;
        boolean same = true;
        char first = scan.at(start);
        for (int i = start; i < look; i++) {
            char c = scan.at(i);
            row = c == '*' || c == '\u2022' || c == '\u25CF' || c == '\u2026' || c == '.' ? row + 1 : 0;
            if (row >= 3 || c == '\u2026') {
                return true;
            }
            same &= c == first;
        }
        return same;
    }

    /** Letters, digits, symbols: how many of lower case, upper case, digit and other occur in the first {@link #LOOK}. */
    static int kinds(Scan scan, int start, int end) {
        int seen = 0;
        for (int i = start, look = Math.min(end, start + LOOK); i < look; i++) {
            char c = scan.at(i);
            seen |= c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= '0' && c <= '9' ? 4 : 8;
        }
        return Integer.bitCount(seen);
    }
}
