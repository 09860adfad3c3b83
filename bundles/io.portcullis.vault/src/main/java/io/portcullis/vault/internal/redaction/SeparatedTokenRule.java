package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * A key of two parts after its prefix, joined by one separator: SendGrid's {@code SG.<id>.<secret>}
 * and Portcullis's own {@code pk_<24 hex>_<64 hex>}. Reads at most the two runs, memoised.
 */
record SeparatedTokenRule(
        String kind,
        List<Anchor> anchors,
        CharClass first,
        int firstMin,
        int firstMax,
        char separator,
        CharClass second,
        int secondMin,
        int secondMax)
        implements Rule {

    @Override
    public void verify(Scan scan, int start, int end) {
        if (CharClasses.isAlnum(scan.at(start - 1))) {
            return;
        }
        int middle = scan.runs.end(first, end);
        if (middle - end < firstMin || middle - end > firstMax || scan.at(middle) != separator) {
            return;
        }
        int stop = scan.runs.end(second, middle + 1);
        int length = stop - middle - 1;
        if (length >= secondMin && length <= secondMax && !CharClasses.isAlnum(scan.at(stop))) {
            scan.report(start, stop, kind, VENDOR);
        }
    }
}
