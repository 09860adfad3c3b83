package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * The password of a URL's userinfo, {@code scheme://user:password@host}: only the password is
 * redacted, scheme, user and host stay readable. The user may be empty ({@code redis://:pw@host});
 * the password ends at the last {@code @} before the path, as browsers read it. Reads the user and
 * password runs (memoised) and scans the password run back once for its last {@code @}: password runs
 * hold no {@code /}, so two anchors never share one and the scan stays linear.
 */
final class UrlPasswordRule implements Rule {

    @Override
    public String kind() {
        return "url_password";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.exact("://");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        if (!CharClasses.isAlnum(scan.at(start - 1))) {
            return; // no scheme
        }
        int user = scan.runs.end(CharClasses.URL_USER, end);
        if (scan.at(user) != ':') {
            return;
        }
        int password = user + 1;
        int run = scan.runs.end(CharClasses.URL_PASSWORD, password);
        int at = run - 1;
        while (at > password && scan.at(at) != '@') {
            at--;
        }
        scan.work(run - at);
        if (at > password) {
            scan.report(password, at, kind(), CONTEXT);
        }
    }
}
