package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * {@code Bearer <token>} anywhere (in any case): a token68 of at least {@link #MIN} characters plus
 * its {@code =} padding. {@code Bearer} followed by a short word is prose and stays. The scheme stays
 * readable. Reads the token's run, memoised.
 */
final class BearerRule implements Rule {

    static final int MIN = 16;

    @Override
    public String kind() {
        return "bearer_token";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.ignoringCase("bearer ");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        if (CharClasses.isAlnum(scan.at(start - 1))) {
            return;
        }
        int token = scan.runs.end(CharClasses.TOKEN68, end);
        if (token - end >= MIN) {
            scan.report(end, scan.runs.end(CharClasses.EQUALS, token), kind(), CONTEXT);
        }
    }
}
