package io.portcullis.vault.internal.redaction;

/**
 * Forward search for a literal (a PEM footer) with a memo of what was already searched, so that
 * repeated searches from increasing positions (a megabyte of {@code -----BEGIN PRIVATE KEY-----})
 * read each position once rather than once per search.
 */
final class Search {

    private final String text;
    private String needle = "";
    private int clearFrom = -1;
    private int clearTo = -1;
    private int foundAt = -1;
    private long reads;

    Search(String text) {
        this.text = text;
    }

    /** The first occurrence of {@code needle} starting in {@code [from, limit]}, or -1. */
    int next(String needle, int from, int limit) {
        int last = Math.min(limit, text.length() - needle.length());
        int i = from;
        if (needle.equals(this.needle) && from >= clearFrom && from <= clearTo) {
            if (foundAt >= 0) {
                return foundAt <= last ? foundAt : -1; // first occurrence at or after from
            }
            i = clearTo; // [from, clearTo) already known to hold none
        } else {
            this.needle = needle;
            clearFrom = from;
            clearTo = from;
            foundAt = -1;
        }
        for (; i <= last; i++) {
            reads++;
            if (text.startsWith(needle, i)) {
                clearTo = i;
                foundAt = i;
                return i;
            }
        }
        clearTo = Math.max(clearTo, last + 1);
        return -1;
    }

    long reads() {
        return reads;
    }
}
