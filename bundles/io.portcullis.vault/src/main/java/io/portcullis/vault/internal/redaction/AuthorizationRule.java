package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * The value of an {@code Authorization} (or {@code Proxy-Authorization}) header, in any case, as a
 * header line ({@code Authorization: Basic …}), a JSON or Python key ({@code "authorization": "…"})
 * or a parameter ({@code authorization=…}): the scheme and credentials, up to the end of the line or
 * the closing quote. A header that opens a quoted argument ({@code curl -H "Authorization: Bearer …" url})
 * ends at that argument's closing quote, so the rest of the command stays readable. The name stays readable. Reads at most 8 blanks on each side of the separator plus
 * the value's run, memoised.
 */
final class AuthorizationRule implements Rule {

    private static final int GAP_MAX = 8;

    @Override
    public String kind() {
        return "authorization";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.ignoringCase("authorization");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        if (CharClasses.isAlnum(scan.at(start - 1))) {
            return; // preauthorization
        }
        int i = end;
        if (scan.at(i) == '"' || scan.at(i) == '\'') {
            i++;
        }
        i = Math.min(scan.runs.end(CharClasses.BLANK, i), end + GAP_MAX);
        if (scan.at(i) != ':' && scan.at(i) != '=') {
            return;
        }
        int value = Math.min(scan.runs.end(CharClasses.BLANK, i + 1), i + 1 + GAP_MAX);
        char quote = scan.at(value);
        int stop;
        if (quote == '"') {
            value++;
            stop = scan.runs.end(CharClasses.LINE_NO_DOUBLE_QUOTE, value);
        } else if (quote == '\'') {
            value++;
            stop = scan.runs.end(CharClasses.LINE_NO_SINGLE_QUOTE, value);
        } else if (scan.at(start - 1) == '"') {
            stop = scan.runs.end(CharClasses.LINE_NO_DOUBLE_QUOTE, value); // -H "Authorization: Basic …" url
        } else if (scan.at(start - 1) == '\'') {
            stop = scan.runs.end(CharClasses.LINE_NO_SINGLE_QUOTE, value);
        } else {
            stop = scan.runs.end(CharClasses.LINE, value);
        }
        scan.report(value, stop, kind(), CONTEXT + 5);
    }
}
