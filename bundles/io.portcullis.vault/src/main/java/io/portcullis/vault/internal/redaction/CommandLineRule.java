package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * Passwords given as short options on a command line, which only the command gives away:
 * {@code mysql -u root -pS3cret} (and {@code mysqldump}, {@code mysqladmin}, {@code mariadb}: the
 * password attached to {@code -p}), {@code sshpass -p S3cret ssh …}, {@code curl -u user:S3cret …}
 * (and {@code --user}). The command's anchor marks its line in the {@link Scan}; the option's anchor
 * redacts only on a line so marked, so {@code mkdir -p}, {@code docker run -p 8080:80} and
 * {@code ssh -p 22} stay. Long options ({@code --password=…}) are {@link AssignmentRule}'s.
 */
final class CommandLineRule implements Rule {

    private static final int VALUE_MIN = 3;
    private static final int USER_MAX = 64;

    @Override
    public String kind() {
        return "password";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.exact("mysql", "mariadb", "sshpass", "curl", " -p", " -u", " --user");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        if (scan.at(start) != ' ') {
            if (!CharClasses.isAlnum(scan.at(start - 1))) {
                scan.command(
                        scan.startsWith(start, "sshpass")
                                ? "sshpass"
                                : scan.startsWith(start, "curl") ? "curl" : "mysql",
                        end);
            }
            return;
        }
        String command = scan.commandOnLine(start);
        if (command == null) {
            return;
        }
        char option = scan.at(start + 2);
        if (option == 'p' && command.equals("mysql") && scan.at(end) != ' ' && scan.at(end) != '-') {
            AssignmentRule.redactValue(scan, end, false, kind(), VALUE_MIN); // -pS3cret, -p'S3cret'
        } else if (option == 'p' && command.equals("sshpass")) {
            AssignmentRule.redactValue(
                    scan, Math.min(scan.runs.end(CharClasses.BLANK, end), end + 8), false, kind(), VALUE_MIN);
        } else if (option != 'p' && command.equals("curl") && (scan.at(end) == ' ' || scan.at(end) == '=')) {
            userPassword(scan, Math.min(scan.runs.end(CharClasses.BLANK, end + 1), end + 9));
        }
    }

    /** The password of {@code user:password} at {@code at}, quoted or not. */
    private void userPassword(Scan scan, int at) {
        char quote = scan.at(at);
        int from = quote == '"' || quote == '\'' ? at + 1 : at;
        int stop = scan.runs.end(
                quote == '"'
                        ? CharClasses.LINE_NO_DOUBLE_QUOTE
                        : quote == '\'' ? CharClasses.LINE_NO_SINGLE_QUOTE : CharClasses.VALUE,
                from);
        int colon = from;
        while (colon < Math.min(stop, from + USER_MAX) && scan.at(colon) != ':') {
            colon++;
        }
        scan.work(colon - from);
        if (scan.at(colon) == ':'
                && colon < stop
                && stop - colon - 1 >= VALUE_MIN
                && Values.maySecret(scan, colon + 1, stop)) {
            scan.report(colon + 1, stop, kind(), CONTEXT);
        }
    }
}
