package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * One kind of secret-shaped text: literal anchors the automaton finds, and a verifier run at each
 * anchor hit that reads the rest by hand (no backtracking, runs memoised by {@link Runs}) and reports
 * what to redact. A verifier reads a bounded number of characters beyond what the scan's memos
 * already hold, which each rule documents.
 */
interface Rule {

    /** Priority of an exact match of a live credential, above every pattern. */
    int CREDENTIAL = 100;
    /** Vendor keys with a distinctive prefix. */
    int VENDOR = 50;
    /** Structured tokens (JWT, PEM). */
    int STRUCTURED = 40;
    /** Header and cookie values, URL passwords. */
    int CONTEXT = 30;
    /** Values recognised by shape alone (card numbers). */
    int SHAPE = 10;

    /** The short lower-case name in {@code [REDACTED:<kind>]}. */
    String kind();

    /** The literal texts that trigger {@link #verify}. */
    List<Anchor> anchors();

    /** Examines the text around an anchor found at {@code [start, end)} and reports findings to {@code scan}. */
    void verify(Scan scan, int start, int end);

    /** An anchor: matched ASCII-case-insensitively when {@code ignoreCase}, else exactly. */
    record Anchor(String text, boolean ignoreCase) {

        static List<Anchor> exact(String... texts) {
            return java.util.Arrays.stream(texts).map(t -> new Anchor(t, false)).toList();
        }

        static List<Anchor> ignoringCase(String... texts) {
            return java.util.Arrays.stream(texts).map(t -> new Anchor(t, true)).toList();
        }
    }
}
