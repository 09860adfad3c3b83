package io.portcullis.vault.internal.redaction;

/**
 * The digit groups {@link CardNumberRule} has read in one scan, kept for the next group starts. The
 * rule runs at the start of every group of a chain ({@code 4111 4111 …}) and looks up to 19 digits on;
 * remembered here, each group is read once, with what follows it and running totals from the start of
 * its chain: digits, Luhn sums, and the earliest group from which the rule's walk reaches it. A walk
 * from any start is then a few array reads per group, and {@link #resume} lets a start skip the groups
 * that did not bring the start before it to a card's minimum length (they cannot bring this one there
 * either), so hostile input costs about one group per start. Keeps the last {@link #KEEP} groups of the
 * chain being read, in text order (anchors come left to right).
 */
final class DigitGroups {

    /** Groups kept, a power of two: more than one candidate card can span (19 groups of one digit). */
    private static final int KEEP = 64;
    /** Digits read per group at most: a longer run is never part of a card, see {@link CardNumberRule}. */
    static final int CAP = CardNumberRule.MAX_DIGITS + 1;

    /** What follows a group: a letter or digit, so it is part of a longer run. */
    static final char WORD = 'w';
    /** What follows a group: a decimal point and a digit. */
    static final char DECIMAL = '.';

    private final Scan scan;
    private final int[] starts = new int[KEEP];
    private final int[] ends = new int[KEEP];
    /** {@link #WORD}, {@link #DECIMAL}, a {@code ' '} or {@code '-'} followed by a digit, or 0. */
    private final char[] follows = new char[KEEP];
    /** Digits in the chain before the group. */
    private final int[] digitsBefore = new int[KEEP];
    /** Luhn sums of the chain before the group, doubling the digits at even, or at odd, places of the chain. */
    private final int[] sumEvenBefore = new int[KEEP];

    private final int[] sumOddBefore = new int[KEEP];
    /** The group's own Luhn sum when its first digit is at an even place (doubled), and at an odd place. */
    private final int[] ownEven = new int[KEEP];

    private final int[] ownOdd = new int[KEEP];
    /** The earliest group whose walk reaches this one: every group between links to the next with one separator. */
    private final int[] reach = new int[KEEP];
    /** Sequence numbers of the oldest group kept and of the next to read; slot = sequence & (KEEP - 1). */
    private int first;

    private int limit;
    /** The last start whose walk reached {@link CardNumberRule#MIN_DIGITS}, and the group where it did. */
    private int resumedFrom = -1;

    private int resumeAt = -1;

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
        resumedFrom = -1;
        return read(at, -1);
    }

    /** The group after {@code group}, which starts one separator after its end. */
    int next(int group) {
        int at = end(group) + 1;
        if (group + 1 < limit) {
            if (starts[(group + 1) & (KEEP - 1)] == at) {
                return group + 1;
            }
            resumedFrom = -1; // the groups read after this one are not its chain's: forget them
        }
        limit = group + 1;
        return read(at, group);
    }

    /**
     * Where the walk from {@code start} may begin: {@code start} itself, or the group where the walk of
     * an earlier start of the chain first reached a card's minimum length; the groups before that one
     * hold fewer digits from {@code start} than from the earlier start, so none can end a card.
     */
    int resume(int start) {
        return resumedFrom >= 0 && resumedFrom < start && resumeAt >= start ? resumeAt : start;
    }

    /** Remembers where the walk from {@code start} reached a card's minimum length, the first time it did. */
    void reached(int start, int group) {
        if (resumedFrom != start) {
            resumedFrom = start;
            resumeAt = group;
        }
    }

    int end(int group) {
        return ends[group & (KEEP - 1)];
    }

    int digits(int group) {
        int s = group & (KEEP - 1);
        return ends[s] - starts[s];
    }

    /** Digits from the first of {@code start} to the last of {@code group}. */
    int count(int start, int group) {
        int s = group & (KEEP - 1);
        return digitsBefore[s] + ends[s] - starts[s] - digitsBefore[start & (KEEP - 1)];
    }

    /** What follows the group's digits: {@link #WORD}, {@link #DECIMAL}, a separator before a digit, or 0. */
    char follows(int group) {
        return follows[group & (KEEP - 1)];
    }

    /** Whether the walk from {@code start} gets to {@code group}, one separator all the way. */
    boolean reaches(int start, int group) {
        return reach[group & (KEEP - 1)] <= start;
    }

    /** The Luhn sum of the digits from the first of {@code start} to the last of {@code group}. */
    int luhn(int start, int group) {
        int s = group & (KEEP - 1);
        int end = digitsBefore[s] + ends[s] - starts[s];
        boolean evenDoubled = end % 2 == 0; // the last digit is not doubled, the one before it is
        int through = evenDoubled ? sumEvenBefore[s] + own(s, true) : sumOddBefore[s] + own(s, false);
        int from = start & (KEEP - 1);
        return through - (evenDoubled ? sumEvenBefore[from] : sumOddBefore[from]);
    }

    /** The group's own sum doubling the digits at even ({@code evenDoubled}) or odd places of the chain. */
    private int own(int s, boolean evenDoubled) {
        return (digitsBefore[s] % 2 == 0) == evenDoubled ? ownEven[s] : ownOdd[s];
    }

    private int read(int at, int previous) {
        if (limit - first == KEEP) {
            first++;
        }
        int s = limit & (KEEP - 1);
        int even = 0;
        int odd = 0;
        int i = at;
        for (char c = scan.at(i); CharClasses.isDigit(c) && i - at < CAP; c = scan.at(++i)) {
            int d = c - '0';
            int twice = d * 2 > 9 ? d * 2 - 9 : d * 2;
            boolean evenPlace = (i - at) % 2 == 0;
            even += evenPlace ? twice : d;
            odd += evenPlace ? d : twice;
        }
        char after = scan.at(i);
        boolean digitNext = CharClasses.isDigit(scan.at(i + 1));
        scan.work(i - at + 2);
        starts[s] = at;
        ends[s] = i;
        ownEven[s] = even;
        ownOdd[s] = odd;
        follows[s] = CharClasses.isAlnum(after)
                ? WORD
                : !digitNext ? 0 : after == '.' ? DECIMAL : after == ' ' || after == '-' ? after : 0;
        if (previous < 0) {
            digitsBefore[s] = 0;
            sumEvenBefore[s] = 0;
            sumOddBefore[s] = 0;
            reach[s] = limit;
        } else {
            int p = previous & (KEEP - 1);
            digitsBefore[s] = digitsBefore[p] + ends[p] - starts[p];
            sumEvenBefore[s] = sumEvenBefore[p] + own(p, true);
            sumOddBefore[s] = sumOddBefore[p] + own(p, false);
            boolean sameSeparator = reach[p] < previous && follows[(previous - 1) & (KEEP - 1)] == follows[p];
            reach[s] = sameSeparator ? reach[p] : previous;
        }
        return limit++;
    }
}
