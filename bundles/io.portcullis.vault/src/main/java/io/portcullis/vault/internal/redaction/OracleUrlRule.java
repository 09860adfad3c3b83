package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * The password of an Oracle thin JDBC URL, {@code jdbc:oracle:thin:scott/tiger@host:1521/service},
 * which has no {@code ://} for {@link UrlPasswordRule}. Only the password goes. Reads the user and
 * password runs (memoised).
 */
final class OracleUrlRule implements Rule {

    @Override
    public String kind() {
        return "url_password";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.ignoringCase("jdbc:oracle:thin:");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        int user = scan.runs.end(CharClasses.ORACLE_USER, end);
        if (user == end || scan.at(user) != '/') {
            return;
        }
        int password = scan.runs.end(CharClasses.URL_USER, user + 1);
        if (password > user + 1 && scan.at(password) == '@') {
            scan.report(user + 1, password, kind(), CONTEXT);
        }
    }
}
