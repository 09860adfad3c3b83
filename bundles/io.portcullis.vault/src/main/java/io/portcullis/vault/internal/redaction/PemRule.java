package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * A PEM private key, redacted whole: {@code -----BEGIN <label>PRIVATE KEY-----} (label of capitals and
 * spaces, at most {@link #LABEL_MAX}), the body, and {@code -----END <label>-----} within
 * {@link #BODY_MAX} characters. Without a footer in reach (a truncated log line) the header and the
 * base64 body after it, up to {@link #BODY_MAX}, are redacted. The footer search is memoised
 * ({@link Search}), so many headers cost one pass.
 */
final class PemRule implements Rule {

    static final int LABEL_MAX = 64;
    static final int BODY_MAX = 16 * 1024;
    private static final String DASHES = "-----";
    private static final String FOOTER = "-----END ";

    @Override
    public String kind() {
        return "private_key";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.exact("-----BEGIN ");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        int label = scan.runs.end(CharClasses.PEM_LABEL, end);
        if (label - end > LABEL_MAX || !scan.endsWith(label, "PRIVATE KEY") || !scan.startsWith(label, DASHES)) {
            return;
        }
        int body = label + DASHES.length();
        int footer = scan.next(FOOTER, body, body + BODY_MAX);
        if (footer >= 0) {
            int footerLabel = scan.runs.end(CharClasses.PEM_LABEL, footer + FOOTER.length());
            if (footerLabel - footer - FOOTER.length() <= LABEL_MAX && scan.startsWith(footerLabel, DASHES)) {
                scan.report(start, footerLabel + DASHES.length(), kind(), STRUCTURED);
                return;
            }
        }
        int truncated = Math.min(scan.runs.end(CharClasses.PEM_BODY, body), body + BODY_MAX);
        scan.report(start, truncated, kind(), STRUCTURED);
    }
}
