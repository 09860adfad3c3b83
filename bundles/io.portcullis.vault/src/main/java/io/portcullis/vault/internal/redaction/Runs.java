package io.portcullis.vault.internal.redaction;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Memoised maximal runs of each {@link CharClass} in one text. Verifiers ask "where does the run of
 * this class that contains position {@code p} end?"; the first question reads the run, later ones in
 * the same run are answered from the memo. Every character is therefore read at most once per class
 * however many anchors hit inside one run, which is what keeps hostile input (a megabyte of
 * {@code sk-sk-sk-} or {@code eyJeyJ}) linear.
 */
final class Runs {

    private final String text;
    private final @Nullable TreeMap<Integer, Integer>[] known;
    private long reads;

    @SuppressWarnings("unchecked")
    Runs(String text) {
        this.text = text;
        this.known = new TreeMap[CharClass.MAX];
    }

    /**
     * The end (exclusive) of the run of {@code cls} starting at or containing {@code from}; {@code from}
     * itself when the character there is not in the class or {@code from} is past the text.
     */
    int end(CharClass cls, int from) {
        int length = text.length();
        if (from < 0 || from >= length || !cls.contains(text.charAt(from))) {
            return Math.max(from, 0);
        }
        TreeMap<Integer, Integer> runs = known[cls.id];
        if (runs == null) {
            runs = new TreeMap<>();
            known[cls.id] = runs;
        }
        Map.Entry<Integer, Integer> floor = runs.floorEntry(from);
        if (floor != null && floor.getValue() > from) {
            return floor.getValue();
        }
        Map.Entry<Integer, Integer> next = runs.higherEntry(from);
        int limit = next == null ? length : next.getKey();
        int i = from;
        while (i < limit && cls.contains(text.charAt(i))) {
            i++;
        }
        reads += i - from;
        int end = i;
        if (next != null && i == limit) {
            end = next.getValue(); // joined a run read before
            runs.remove(next.getKey());
        }
        runs.put(from, end);
        return end;
    }

    /** Characters read so far, for tests that bound the work on hostile input. */
    long reads() {
        return reads;
    }
}
