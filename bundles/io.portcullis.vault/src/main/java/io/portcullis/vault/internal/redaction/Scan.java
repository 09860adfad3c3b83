package io.portcullis.vault.internal.redaction;

import org.jspecify.annotations.Nullable;

/**
 * The state of one redaction once an anchor or secret has been hit: the text, the memoised runs and
 * searches the verifiers share, and the findings. Created on the first hit only, so clean text costs
 * no allocation. Not thread-safe: one scan, one thread.
 */
final class Scan {

    private final String text;
    private final int length;
    final Runs runs;
    private final Findings findings = new Findings();
    private final Search search;
    private long work;
    private @Nullable String command;
    private @Nullable DigitGroups digitGroups;
    private int commandEnd;

    Scan(String text) {
        this.text = text;
        this.length = text.length();
        this.runs = new Runs(text);
        this.search = new Search(text);
    }

    int length() {
        return length;
    }

    /** The character at {@code i}, or {@code '\0'} outside the text (so boundary checks need no range test). */
    char at(int i) {
        return i >= 0 && i < length ? text.charAt(i) : '\0';
    }

    /** Whether {@code s} occurs at {@code i}, case-sensitively. */
    boolean startsWith(int i, String s) {
        return i >= 0 && text.startsWith(s, i);
    }

    /** Whether {@code s} (lower case) occurs at {@code i}, ASCII-case-insensitively. */
    boolean startsWithIgnoreCase(int i, String s) {
        if (i < 0 || i + s.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) { // ASCII folding by hand: regionMatches(true, …) is slower
            char c = text.charAt(i + k);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Remembers that a command taking a password flag ends at {@code end}, see {@link CommandLineRule}. */
    void command(String name, int end) {
        command = name;
        commandEnd = end;
    }

    /** The command last seen on the line of {@code at}, or null. */
    @Nullable String commandOnLine(int at) {
        return command != null && runs.end(CharClasses.LINE, commandEnd) >= at ? command : null;
    }

    /** The digit groups read so far, see {@link CardNumberRule}. */
    DigitGroups digitGroups() {
        if (digitGroups == null) {
            digitGroups = new DigitGroups(this);
        }
        return digitGroups;
    }

    /** Whether the text before {@code end} ends with {@code s}. */
    boolean endsWith(int end, String s) {
        return end - s.length() >= 0 && text.startsWith(s, end - s.length());
    }

    /** See {@link Search#next}. */
    int next(String needle, int from, int limit) {
        return search.next(needle, from, limit);
    }

    /** Whether the text at {@code start} equals {@code exact}, case-sensitively. */
    boolean matches(int start, char[] exact) {
        for (int j = 0; j < exact.length; j++) {
            work++;
            if (text.charAt(start + j) != exact[j]) {
                return false;
            }
        }
        return true;
    }

    /** Counts characters a verifier read outside {@link Runs} and {@link Search}. */
    void work(int characters) {
        work += characters;
    }

    /** Records that {@code [start, end)} is to be replaced by {@code [REDACTED:kind]}. */
    void report(int start, int end, String kind, int priority) {
        if (end > start) {
            findings.add(start, end, kind, priority);
        }
    }

    /** The text with the merged findings replaced; the same instance when nothing was found. */
    String apply() {
        return findings.apply(text);
    }

    /** Characters read by verifiers, for tests bounding the work on hostile input. */
    long work() {
        return work + runs.reads() + search.reads();
    }
}
