package io.portcullis.vault.internal.redaction;

import java.util.Arrays;

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
        if (last >= 0 && start >= starts[last] && start < ends[last] && priority == priorities[last]
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
        int[] order = order();
        StringBuilder out = new StringBuilder(length(text, order)); // exact: never grown, never oversized
        int copied = 0;
        int k = 0;
        while (k < count) {
            int first = order[k];
            int end = ends[first];
            int best = first;
            for (k++; k < count && starts[order[k]] < end; k++) {
                int other = order[k];
                end = Math.max(end, ends[other]);
                if (priorities[other] > priorities[best]) {
                    best = other;
                }
            }
            out.append(text, copied, starts[first]).append("[REDACTED:").append(kinds[best]).append(']');
            copied = end;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** The length of the text once the merged findings are replaced, the same merge as {@link #apply}. */
    private int length(String text, int[] order) {
        long length = text.length();
        int k = 0;
        while (k < count) {
            int first = order[k];
            int end = ends[first];
            int best = first;
            for (k++; k < count && starts[order[k]] < end; k++) {
                int other = order[k];
                end = Math.max(end, ends[other]);
                if (priorities[other] > priorities[best]) {
                    best = other;
                }
            }
            length += "[REDACTED:]".length() + kinds[best].length() - (end - starts[first]);
        }
        return (int) Math.min(length, Integer.MAX_VALUE - 64);
    }

    /**
     * The findings by start, the higher priority first at equal starts. Verifiers run left to right, so
     * the findings are usually in that order already and need no sort (hostile text can hold one
     * finding every few characters).
     */
    private int[] order() {
        int[] order = new int[count];
        boolean sorted = true;
        for (int i = 0; i < count; i++) {
            order[i] = i;
            sorted &= i == 0 || compare(i - 1, i) <= 0;
        }
        if (sorted) {
            return order;
        }
        Integer[] boxed = new Integer[count];
        for (int i = 0; i < count; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, this::compare);
        for (int i = 0; i < count; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    private int compare(int a, int b) {
        return starts[a] != starts[b] ? Integer.compare(starts[a], starts[b]) : Integer.compare(priorities[b], priorities[a]);
    }
}
