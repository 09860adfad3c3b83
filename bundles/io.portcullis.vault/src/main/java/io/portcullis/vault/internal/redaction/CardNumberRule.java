package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * Payment card numbers: 13–19 digits passing the Luhn check, either one unbroken run or groups joined
 * by single spaces or single dashes (one kind of separator), every group but the last at least 3
 * digits long, not part of a longer letter/digit run or decimal number. Only numbers starting with
 * 2–6 (Mastercard, Amex, Diners, JCB, Visa, Discover, UnionPay, Maestro), so 13-digit epoch
 * milliseconds ({@code 17…}) stay readable. When grouped digits go on past a card (a card followed by
 * a quantity), the longest Luhn-valid prefix of whole groups is taken.
 *
 * <p>The anchors are the digits 2–6 themselves; the verifier works at the start of each group (a
 * digit after a letter, digit, or a {@code .}/{@code ,} after a digit is skipped at once), so a card
 * after another number ({@code 12 4111…}) is found too. It reads at most 19 digits and 19 separators
 * whatever follows, so hostile input costs a constant per group start.
 */
final class CardNumberRule implements Rule {

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;
    private static final int MIN_INNER_GROUP = 3;

    @Override
    public String kind() {
        return "card_number";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.exact("2", "3", "4", "5", "6");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        char before = scan.at(start - 1);
        if (CharClasses.isAlnum(before) || ((before == '.' || before == ',') && CharClasses.isDigit(scan.at(start - 2)))) {
            return; // inside a word or a decimal number
        }
        int count = 0;
        int doubledEven = 0; // Luhn sums kept as digits come, doubling at even or at odd positions
        int doubledOdd = 0;
        int i = start;
        char separator = 0;
        boolean shortGroup = false;
        int best = -1;
        while (true) {
            int group = 0;
            for (char c = scan.at(i); CharClasses.isDigit(c) && count <= MAX_DIGITS; c = scan.at(++i)) {
                int d = c - '0';
                int twice = d * 2 > 9 ? d * 2 - 9 : d * 2;
                doubledEven += count % 2 == 0 ? twice : d;
                doubledOdd += count % 2 == 0 ? d : twice;
                count++;
                group++;
            }
            scan.work(group + 1);
            char after = scan.at(i);
            if (CharClasses.isAlnum(after) || count > MAX_DIGITS) {
                break; // part of a longer run
            }
            boolean decimal = after == '.' && CharClasses.isDigit(scan.at(i + 1));
            if (count >= MIN_DIGITS && !shortGroup && !decimal && (count % 2 == 0 ? doubledEven : doubledOdd) % 10 == 0) {
                best = i;
            }
            shortGroup |= group < MIN_INNER_GROUP;
            if ((after == ' ' || after == '-') && (separator == 0 || separator == after)
                    && CharClasses.isDigit(scan.at(i + 1))) {
                separator = after;
                i++;
            } else {
                break;
            }
        }
        if (best > start) {
            scan.report(start, best, kind(), SHAPE);
        }
    }
}
