package io.portcullis.vault.internal.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spans one scan found, merged and replaced at the end. Overlapping spans merge into one whose
 * kind is that of the highest-priority finding in it (an exact-match credential beats every
 * pattern), so a secret is never half shown between two replacements.
 *
 * <p>Hostile text holds a finding every few characters, millions in a long line, so a finding is two
 * offsets and the number of its label (kind and priority) in int arrays: an array of references that
 * large costs the garbage collector more than the scan itself (every store dirties a card it then
 * rescans).
 */
final class Findings {

    /** A kind with its priority, and the marker that replaces its findings. */
    private record Label(String kind, int priority, String marker) {}

    private final List<Label> labels = new ArrayList<>();
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int[] labelOf = new int[8];
    private int count;
    /** Whether every finding starts at or after the end of the one before: nothing to sort or merge. */
    private boolean disjoint = true;

    void add(int start, int end, String kind, int priority) {
        int label = label(kind, priority);
        int last = count - 1;
        if (last >= 0 && start >= starts[last] && start < ends[last] && label == labelOf[last]) {
            // Overlaps the previous finding of the same kind: apply would merge them into it anyway, so
            // hostile text (a header or cookie name every few characters, each value running to the end
            // of the line) keeps one finding instead of millions.
            ends[last] = Math.max(ends[last], end);
            return;
        }
        if (last >= 0 && start < ends[last]) {
            disjoint = false;
        }
        if (count == starts.length) {
            int size = count * 2;
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            labelOf = Arrays.copyOf(labelOf, size);
        }
        starts[count] = start;
        ends[count] = end;
        labelOf[count] = label;
        count++;
    }

    /** The number of the label of {@code kind} at {@code priority}; a scan meets a handful of them. */
    private int label(String kind, int priority) {
        for (int i = labels.size() - 1; i >= 0; i--) {
            Label label = labels.get(i);
            if (label.priority() == priority && label.kind().equals(kind)) {
                return i;
            }
        }
        labels.add(new Label(kind, priority, "[REDACTED:" + kind + "]"));
        return labels.size() - 1;
    }

    /** {@code text} with every merged span replaced by {@code [REDACTED:<kind>]}; itself if none. */
    String apply(String text) {
        if (count == 0) {
            return text;
        }
        if (!disjoint) { // verifiers run left to right: usually in order and apart already
            sort();
            merge();
        }
        long length = text.length();
        for (int k = 0; k < count; k++) {
            length += labels.get(labelOf[k]).marker().length() - (ends[k] - starts[k]);
        }
        StringBuilder out = new StringBuilder((int) Math.min(length, Integer.MAX_VALUE - 64)); // exact: never grown
        int copied = 0;
        for (int k = 0; k < count; k++) {
            out.append(text, copied, starts[k]).append(labels.get(labelOf[k]).marker());
            copied = ends[k];
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * Merges the sorted findings in place into disjoint spans, each with the label of the first
     * highest-priority finding in it.
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
                if (priority(k) > priority(best)) {
                    best = k;
                }
            }
            labelOf[merged] = labelOf[best]; // merged <= the span's first index <= best: nothing unread is overwritten
            starts[merged] = start;
            ends[merged] = end;
            merged++;
        }
        count = merged;
    }

    private int priority(int finding) {
        return labels.get(labelOf[finding]).priority();
    }

    /** Orders the findings by start, the higher priority first at equal starts, otherwise as added. */
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
        int[] sortedLabels = new int[count];
        for (int i = 0; i < count; i++) {
            sortedStarts[i] = starts[order[i]];
            sortedEnds[i] = ends[order[i]];
            sortedLabels[i] = labelOf[order[i]];
        }
        starts = sortedStarts;
        ends = sortedEnds;
        labelOf = sortedLabels;
    }

    private int compare(int a, int b) {
        return starts[a] != starts[b]
                ? Integer.compare(starts[a], starts[b])
                : Integer.compare(priority(b), priority(a));
    }
}
