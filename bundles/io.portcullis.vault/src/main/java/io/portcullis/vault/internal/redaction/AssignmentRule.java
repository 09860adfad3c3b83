package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * A value assigned to a name that says it is secret, in the forms configuration and logs take: env
 * files and shells ({@code DB_PASSWORD=…}, {@code export PGPASSWORD=…}), properties
 * ({@code spring.datasource.password=…}), YAML ({@code client_secret: …}), JSON and Python
 * ({@code "apiKey": "…"}, {@code \"token\":\"…\"} inside a JSON string), headers ({@code X-Api-Key: …}),
 * query strings and connection strings ({@code ?password=…&}, {@code ;Password=…;}), XML
 * ({@code <password>…</password>}) and long options ({@code --password=…}, {@code --token …}).
 *
 * <p>The anchor is a keyword that must end the name or be followed by {@code key} ({@code SECRET_KEY});
 * {@code max_tokens}, {@code token_type} and {@code secretName} are other things. A name holding
 * {@code public} ({@code public_key}, {@code publishableKey}) and the shell's {@code PWD} are not
 * secrets. Only the value is redacted, and only if {@link Values#maySecret} (no placeholder, mask or
 * public key) and it is at least {@link #VALUE_MIN} characters: when it is an unquoted word followed by
 * more words on the line ({@code Password: must be long}), it must also mix two kinds of character.
 * Reads a bounded number of characters around the anchor besides the memoised value run.
 */
final class AssignmentRule implements Rule {

    static final int VALUE_MIN = 6;
    static final int VALUE_MAX = 4096;
    private static final int NAME_MAX = 64;
    private static final int GAP_MAX = 8;

    private final String kind;
    private final List<Anchor> anchors;

    AssignmentRule(String kind, String... keywords) {
        this.kind = kind;
        this.anchors = Anchor.ignoringCase(keywords);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public List<Anchor> anchors() {
        return anchors;
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        int nameEnd = nameEnd(scan, end);
        if (nameEnd < 0) {
            return;
        }
        int i = nameEnd;
        if (scan.at(i) == '"' || scan.at(i) == '\'') {
            i++; // a JSON or Python key's closing quote
        } else if (scan.at(i) == '\\' && scan.at(i + 1) == '"') {
            i += 2;
        }
        int gap = blanks(scan, i);
        char separator = scan.at(gap);
        boolean assigned = separator == ':' || separator == '=';
        boolean xml = separator == '>' && gap == nameEnd;
        boolean option = !assigned
                && !xml
                && gap > nameEnd
                && i == nameEnd
                && scan.at(gap) != '-'
                && CharClasses.NAME.contains(scan.at(start - 1)); // --password, --db-password; not prose
        if (!assigned && !xml && !option) {
            return;
        }
        if (separator == '=' && scan.at(gap + 1) == '=') {
            return; // a comparison in code
        }
        int nameStart = nameStart(scan, start);
        if (nameStart < 0 || !secretName(scan, nameStart, nameEnd)) {
            return;
        }
        if (assigned) {
            char next = scan.at(gap + 1);
            int value = blanks(scan, gap + (next == '=' || next == '>' ? 2 : 1)); // := and => too
            redactValue(scan, value, separator == ':', kind, VALUE_MIN);
        } else if (xml && scan.at(nameStart - 1) == '<') {
            redactValue(scan, gap + 1, false, kind, VALUE_MIN); // <password>…</password>
        } else if (option && scan.startsWith(nameStart, "--")) {
            redactValue(scan, gap, true, kind, VALUE_MIN); // --password hunter2
        }
    }

    /**
     * Redacts the value at {@code value}, quoted or not, if it may be a secret; {@code prose} when the
     * context may be a sentence ({@code Password: …}): an unquoted value followed by more words must then
     * mix two kinds of character; at least {@code min} characters. Shared with {@link CommandLineRule}.
     */
    static void redactValue(Scan scan, int value, boolean prose, String kind, int min) {
        char quote = scan.at(value);
        int from = value;
        int stop;
        if (quote == '"' || quote == '\'') {
            from++;
            stop = scan.runs.end(
                    quote == '"' ? CharClasses.LINE_NO_DOUBLE_QUOTE : CharClasses.LINE_NO_SINGLE_QUOTE, from);
            if (scan.at(stop) != quote) {
                return;
            }
        } else if (quote == '\\' && scan.at(value + 1) == '"') {
            from += 2;
            stop = scan.runs.end(CharClasses.ESCAPED_VALUE, from);
        } else {
            stop = scan.runs.end(CharClasses.VALUE, from);
            char after = scan.at(stop);
            if (after == '(' || after == '[' || (after == '{' && stop > from && scan.at(stop - 1) == '$')) {
                return; // code: getpass(), os.environ["…"], a template
            }
            if (prose
                    && (after == ' ' || after == '\t')
                    && CharClasses.isAlnum(scan.at(stop + 1))
                    && Values.kinds(scan, from, stop) < 2) {
                return; // Password: must be long
            }
        }
        int length = stop - from;
        if (length >= min && length <= VALUE_MAX && Values.maySecret(scan, from, stop)) {
            scan.report(from, stop, kind, CONTEXT);
        }
    }

    /** The end of the name whose keyword ends at {@code end}, or -1 when the name goes on otherwise than {@code [_-.]?key}. */
    private static int nameEnd(Scan scan, int end) {
        if (!CharClasses.NAME.contains(scan.at(end))) {
            return end;
        }
        int key = end;
        char c = scan.at(key);
        if (c == '_' || c == '-' || c == '.') {
            key++;
        }
        if (scan.startsWithIgnoreCase(key, "key") && !CharClasses.NAME.contains(scan.at(key + 3))) {
            return key + 3;
        }
        return -1;
    }

    /** The start of the name that holds the keyword at {@code start}, or -1 when it is longer than a name. */
    private static int nameStart(Scan scan, int start) {
        int i = start;
        while (i > start - NAME_MAX && CharClasses.NAME.contains(scan.at(i - 1))) {
            i--;
        }
        scan.work(start - i);
        return CharClasses.NAME.contains(scan.at(i - 1)) ? -1 : i;
    }

    private static boolean secretName(Scan scan, int nameStart, int nameEnd) {
        for (int i = nameStart; i + 6 <= nameEnd; i++) {
            if (scan.startsWithIgnoreCase(i, "public")) {
                return false;
            }
        }
        int length = nameEnd - nameStart;
        return !(length == 3 && scan.startsWithIgnoreCase(nameStart, "pwd"))
                && !(length == 6 && scan.startsWithIgnoreCase(nameStart, "oldpwd"));
    }

    private static int blanks(Scan scan, int from) {
        return Math.min(scan.runs.end(CharClasses.BLANK, from), from + GAP_MAX);
    }
}
