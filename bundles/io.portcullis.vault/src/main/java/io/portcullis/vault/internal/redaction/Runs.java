package io.portcullis.vault.internal.redaction;

import java.util.Arrays;

/**
 * Memoised maximal runs of each {@link CharClass} in one text. Verifiers ask "where does the run of
 * this class that contains position {@code p} end?"; the first question reads the run, later ones in
 * the same run are answered from the memo. Every character is therefore read at most once per class
 * however many anchors hit inside one run, which is what keeps hostile input (a megabyte of
 * {@code sk-sk-sk-} or {@code eyJeyJ}) linear.
 *
 * <p>The memo of a class is its known runs of at least {@link #SHORT} characters as two sorted int arrays. Anchors are hit left to right, so
 * a question almost always lands in or after the last run known: answered from the last entry, or
 * appended, in constant time (a tree map here cost a node and a rebalance per anchor and fell to a few
 * MB/s on a line of {@code bearer bearer …}). Questions before the last run use a binary search.
 */
final class Runs {

    /**
     * Runs shorter than this are not remembered: a question about one reads at most this many
     * characters, a constant, and hostile text of one short run per anchor ({@code bearer bearer …})
     * no longer fills the memo.
     */
    static final int SHORT = 32;

    private final String text;
    private final Memo[] known = new Memo[CharClass.MAX];
    private long reads;

    Runs(String text) {
        this.text = text;
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
        Memo memo = known[cls.id];
        if (memo != null && memo.size > 0 && memo.starts[memo.size - 1] <= from && memo.ends[memo.size - 1] > from) {
            return memo.ends[memo.size - 1]; // inside the last long run read
        }
        int shortEnd = Math.min(length, from + SHORT);
        int i = from;
        while (i < shortEnd && cls.contains(text.charAt(i))) {
            i++;
        }
        reads += i - from;
        if (i < shortEnd || i == length) {
            return i; // a short run: reading it again costs less than remembering it
        }
        if (memo == null) {
            memo = new Memo();
            known[cls.id] = memo;
        }
        return memoised(memo, cls, from);
    }

    private int memoised(Memo memo, CharClass cls, int from) {
        int length = text.length();
        int floor = memo.floor(from);
        if (floor >= 0 && memo.ends[floor] > from) {
            return memo.ends[floor];
        }
        int next = floor + 1; // the first run known to start after from, if any
        int limit = next < memo.size ? memo.starts[next] : length;
        int i = from;
        while (i < limit && cls.contains(text.charAt(i))) {
            i++;
        }
        reads += i - from;
        if (next < memo.size && i == limit) {
            memo.starts[next] = from; // joined a run read before
            return memo.ends[next];
        }
        memo.insert(next, from, i);
        return i;
    }

    /** Characters read so far, for tests that bound the work on hostile input. */
    long reads() {
        return reads;
    }

    /** Disjoint runs of one class, sorted by start. */
    private static final class Memo {
        int[] starts = new int[16];
        int[] ends = new int[16];
        int size;

        /** The index of the last run starting at or before {@code at}, or -1. */
        int floor(int at) {
            if (size == 0 || starts[0] > at) {
                return -1;
            }
            if (starts[size - 1] <= at) {
                return size - 1; // the usual case: at or after the last run
            }
            int found = Arrays.binarySearch(starts, 0, size, at);
            return found >= 0 ? found : -found - 2;
        }

        void insert(int index, int start, int end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            System.arraycopy(starts, index, starts, index + 1, size - index);
            System.arraycopy(ends, index, ends, index + 1, size - index);
            starts[index] = start;
            ends[index] = end;
            size++;
        }
    }
}
