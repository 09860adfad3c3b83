package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * A vendor key: a case-sensitive prefix at a word start, then {@code min..max} characters of one
 * class, not followed by a letter or digit. A run longer than {@code max} is not this key (so a
 * megabyte of {@code sk-aaaa…} stays as it is); the run is read once per scan, see {@link Runs}.
 */
record TokenRule(String kind, List<Anchor> anchors, CharClass tail, int min, int max, int priority) implements Rule {

    TokenRule(String kind, List<String> prefixes, CharClass tail, int min, int max) {
        this(kind, Anchor.exact(prefixes.toArray(String[]::new)), tail, min, max, VENDOR);
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        if (CharClasses.isAlnum(scan.at(start - 1))) {
            return; // inside a word: task-list, desk-top
        }
        int stop = scan.runs.end(tail, end);
        int length = stop - end;
        if (length >= min && length <= max && !CharClasses.isAlnum(scan.at(stop))) {
            scan.report(start, stop, kind, priority);
        }
    }
}
