package io.portcullis.vault.internal.redaction;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The spans one scan found, merged and replaced at the end. Overlapping spans merge into one whose
 * kind is that of the highest-priority finding in it (an exact-match credential beats every
 * pattern), so a secret is never half shown between two replacements.
 */
final class Findings {

    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int[] priorities = new int[8];
    private String[] kinds = new String[8];
    private int count;

    void add(int start, int end, String kind, int priority) {
        int last = count - 1;
        if (last >= 0
                && start >= starts[last]
                && start < ends[last]
                && priority == priorities[last]
                && kind.equals(kinds[last])) {
            // Overlaps the previous finding of the same kind: apply would merge them into it anyway, so
            // hostile text (a header or cookie name every few characters, each value running to the end
            // of the line) keeps one finding instead of millions.
            ends[last] = Math.max(ends[last], end);
            return;
        }
        if (count == starts.length) {
            int size = count * 2;
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            priorities = Arrays.copyOf(priorities, size);
            kinds = Arrays.copyOf(kinds, size);
        }
        starts[count] = start;
        ends[count] = end;
        priorities[count] = priority;
        kinds[count] = kind;
        count++;
    }

    /** {@code text} with every merged span replaced by {@code [REDACTED:<kind>]}; itself if none. */
    String apply(String text) {
        if (count == 0) {
            return text;
        }
        sort();
        merge();
        long length = text.length();
        for (int k = 0; k < count; k++) {
            length += "[REDACTED:]".length() + kinds[k].length() - (ends[k] - starts[k]);
        }
        StringBuilder out = new StringBuilder((int) Math.min(length, Integer.MAX_VALUE - 64)); // exact: never grown
        @Nullable String kind = null;
        String marker = "";
        int copied = 0;
        for (int k = 0; k < count; k++) {
            if (!kinds[k].equals(kind)) { // hostile text repeats one kind: build its marker once
                kind = kinds[k];
                marker = "[REDACTED:" + kind + "]";
            }
            out.append(text, copied, starts[k]).append(marker);
            copied = ends[k];
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * Merges the sorted findings in place into disjoint spans, each with the kind and priority of the
     * first highest-priority finding in it.
     */
    private void merge() {
        int merged = 0;
        int k = 0;
        while (k < count) {
            int start = starts[k];
            int end = ends[k];
            int best = k;
            for (k++; k < count && starts[k] < end; k++) {
                end = Math.max(end, ends[k]);
                if (priorities[k] > priorities[best]) {
                    best = k;
                }
            }
            kinds[merged] = kinds[best]; // merged <= the span's first index <= best: nothing unread is overwritten
            priorities[merged] = priorities[best];
            starts[merged] = start;
            ends[merged] = end;
            merged++;
        }
        count = merged;
    }

    /**
     * Orders the findings by start, the higher priority first at equal starts, otherwise as added.
     * Verifiers run left to right, so the findings are usually in that order already and need no sort
     * (hostile text can hold one finding every few characters).
     */
    private void sort() {
        boolean sorted = true;
        for (int i = 1; i < count && sorted; i++) {
            sorted = compare(i - 1, i) <= 0;
        }
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, this::compare); // stable: equal findings stay in the order added
        int[] sortedStarts = new int[count];
        int[] sortedEnds = new int[count];
        int[] sortedPriorities = new int[count];
        String[] sortedKinds = new String[count];
        for (int i = 0; i < count; i++) {
            sortedStarts[i] = starts[order[i]];
            sortedEnds[i] = ends[order[i]];
            sortedPriorities[i] = priorities[order[i]];
            sortedKinds[i] = kinds[order[i]];
        }
        starts = sortedStarts;
        ends = sortedEnds;
        priorities = sortedPriorities;
        kinds = sortedKinds;
    }

    private int compare(int a, int b) {
        return starts[a] != starts[b]
                ? Integer.compare(starts[a], starts[b])
                : Integer.compare(priorities[b], priorities[a]);
    }
}
