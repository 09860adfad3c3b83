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
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> starts[a] != starts[b] ? Integer.compare(starts[a], starts[b])
                : Integer.compare(priorities[b], priorities[a]));
        StringBuilder out = new StringBuilder(text.length());
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
}
