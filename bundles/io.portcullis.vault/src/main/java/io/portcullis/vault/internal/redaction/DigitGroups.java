package io.portcullis.vault.internal.redaction;

/**
 * The digit groups {@link CardNumberRule} has read in one scan, with their Luhn sums, kept for the
 * next group starts. The rule runs at the start of every group and reads up to 19 digits on, so in a
 * line of grouped digits ({@code 4111 4111 …}) each group was read again by the next four or five
 * starts; remembered here, each group is read once. Keeps the last {@link #KEEP} groups of the chain
 * being read, in text order (anchors come left to right).
 */
final class DigitGroups {

    /** Groups kept, a power of two: more than one candidate card can span (19 groups of one digit). */
    private static final int KEEP = 64;
    /** Digits read per group at most: a longer run is never part of a card, see {@link CardNumberRule}. */
    static final int CAP = CardNumberRule.MAX_DIGITS + 1;

    private final Scan scan;
    private final int[] starts = new int[KEEP];
    private final int[] ends = new int[KEEP];
    /** Sums of the digits at even and odd places in the group, as they are and Luhn-doubled. */
    private final int[] plainEven = new int[KEEP];

    private final int[] plainOdd = new int[KEEP];
    private final int[] twiceEven = new int[KEEP];
    private final int[] twiceOdd = new int[KEEP];
    /** Sequence numbers of the oldest group kept and of the next to read; slot = sequence & (KEEP - 1). */
    private int first;

    private int limit;

    DigitGroups(Scan scan) {
        this.scan = scan;
    }

    /** The group starting at {@code at} (a digit), read unless kept. */
    int at(int at) {
        while (first < limit && starts[first & (KEEP - 1)] < at) {
            first++;
        }
        if (first < limit && starts[first & (KEEP - 1)] == at) {
            return first;
        }
        first = limit; // another chain
        return read(at);
    }

    /** The group after {@code group}, which starts one separator after its end. */
    int next(int group) {
        int at = end(group) + 1;
        if (group + 1 < limit && starts[(group + 1) & (KEEP - 1)] == at) {
            return group + 1;
        }
        limit = group + 1;
        return read(at);
    }

    int start(int group) {
        return starts[group & (KEEP - 1)];
    }

    /** The end of the group's digits, at most {@link #CAP} digits after its start. */
    int end(int group) {
        return ends[group & (KEEP - 1)];
    }

    /** The Luhn sum of the group's digits when the first of them is at an even place (doubled) or not. */
    int sum(int group, boolean evenPlace) {
        int s = group & (KEEP - 1);
        return evenPlace ? twiceEven[s] + plainOdd[s] : plainEven[s] + twiceOdd[s];
    }

    private int read(int at) {
        if (limit - first == KEEP) {
            first++;
        }
        int s = limit & (KEEP - 1);
        int pe = 0;
        int po = 0;
        int te = 0;
        int to = 0;
        int i = at;
        for (char c = scan.at(i); CharClasses.isDigit(c) && i - at < CAP; c = scan.at(++i)) {
            int d = c - '0';
            int twice = d * 2 > 9 ? d * 2 - 9 : d * 2;
            if ((i - at) % 2 == 0) {
                pe += d;
                te += twice;
            } else {
                po += d;
                to += twice;
            }
        }
        scan.work(i - at + 1);
        starts[s] = at;
        ends[s] = i;
        plainEven[s] = pe;
        plainOdd[s] = po;
        twiceEven[s] = te;
        twiceOdd[s] = to;
        return limit++;
    }
}
