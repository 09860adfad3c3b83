package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * Session cookie values, in any case: {@code session=}, {@code sessionid=}, {@code session_id=},
 * {@code JSESSIONID=}, {@code PHPSESSID=}, {@code connect.sid=} as whole names and any name ending in
 * {@code _session=} ({@code laravel_session}), wherever they appear: {@code Cookie} and
 * {@code Set-Cookie} headers, query strings, logs. The name stays readable; the value (at least
 * {@link #MIN} cookie characters, so {@code session=true} stays) is redacted. Reads the value's run.
 */
final class SessionCookieRule implements Rule {

    static final int MIN = 8;

    @Override
    public String kind() {
        return "session_cookie";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.ignoringCase(
                "session=", "sessionid=", "session_id=", "jsessionid=", "phpsessid=", "connect.sid=", "_session=");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        if (scan.at(start) != '_' && CharClasses.isAlnum(scan.at(start - 1))) {
            return; // a longer name; the _session= suffix is its own anchor
        }
        int value = scan.runs.end(CharClasses.COOKIE_VALUE, end);
        if (value - end >= MIN) {
            scan.report(end, value, kind(), CONTEXT);
        }
    }
}
