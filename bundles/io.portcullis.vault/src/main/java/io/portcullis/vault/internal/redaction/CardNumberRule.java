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
 * after another number ({@code 12 4111…}) is found too. It walks at most 19 digits of groups on, each
 * read once per scan and the walk resumed where the previous start's reached 13 digits
 * ({@link DigitGroups}), so hostile input costs a constant per group start.
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
        if (CharClasses.isAlnum(before)
                || ((before == '.' || before == ',') && CharClasses.isDigit(scan.at(start - 2)))) {
            return; // inside a word or a decimal number
        }
        int run = start;
        while (run - start < MIN_DIGITS && CharClasses.isDigit(scan.at(run))) {
            run++;
        }
        scan.work(run - start + 1);
        char next = scan.at(run);
        if (run - start < MIN_DIGITS
                && !(run - start >= MIN_INNER_GROUP
                        && (next == ' ' || next == '-')
                        && CharClasses.isDigit(scan.at(run + 1)))) {
            return; // too few digits and no group after them: most numbers in text end here
        }
        DigitGroups groups = scan.digitGroups();
        int first = groups.at(start);
        int best = -1;
        for (int group = groups.resume(first); groups.reaches(first, group); group = groups.next(group)) {
            int count = groups.count(first, group);
            char follows = groups.follows(group);
            if (count > MAX_DIGITS || follows == DigitGroups.WORD) {
                break; // part of a longer run
            }
            if (count >= MIN_DIGITS) {
                groups.reached(first, group);
                if (follows != DigitGroups.DECIMAL && groups.luhn(first, group) % 10 == 0) {
                    best = groups.end(group);
                }
            }
            if (groups.digits(group) < MIN_INNER_GROUP || (follows != ' ' && follows != '-')) {
                break; // only a last group may be short; a group followed by no separator and digit is last
            }
        }
        if (best > start) {
            scan.report(start, best, kind(), SHAPE);
        }
    }
}
