package io.portcullis.vault.internal.redaction;

/** The character classes the rules read runs of, shared so that a scan memoises each run once. */
final class CharClasses {

    static final CharClass ALNUM = CharClass.of("A-Za-z0-9");
    static final CharClass UPPER_ALNUM = CharClass.of("A-Z0-9");
    static final CharClass LOWER_HEX = CharClass.of("0-9a-f");
    static final CharClass DIGIT = CharClass.of("0-9");
    /** Letters, digits and {@code _}: GitHub fine-grained tokens. */
    static final CharClass WORD = CharClass.of("A-Za-z0-9_");
    /** Letters, digits and {@code -}: Slack tokens. */
    static final CharClass ALNUM_DASH = CharClass.of("A-Za-z0-9-");
    /** base64url without padding, which is also most vendors' key alphabet. */
    static final CharClass BASE64URL = CharClass.of("A-Za-z0-9_-");
    /** RFC 7235 token68, without the trailing {@code =} padding. */
    static final CharClass TOKEN68 = CharClass.of("A-Za-z0-9._~+/-");

    static final CharClass EQUALS = CharClass.of("=");
    static final CharClass BLANK = CharClass.of(" \t");
    /** A PEM label: {@code RSA PRIVATE KEY}. */
    static final CharClass PEM_LABEL = CharClass.of("A-Z ");
    /** A PEM body without its footer: base64 and line breaks. */
    static final CharClass PEM_BODY = CharClass.of("A-Za-z0-9+/= \t\r\n");
    /** The rest of a line. */
    static final CharClass LINE = CharClass.anyExcept("\r\n");

    static final CharClass LINE_NO_DOUBLE_QUOTE = CharClass.anyExcept("\r\n\"");
    static final CharClass LINE_NO_SINGLE_QUOTE = CharClass.anyExcept("\r\n'");
    /** A cookie value as it appears in headers, query strings and logs. */
    static final CharClass COOKIE_VALUE = CharClass.printableExcept(";,\"'&\\");
    /** The user part of a URL's userinfo. */
    static final CharClass URL_USER = CharClass.printableExcept("/?#@:\"'<>`\\[]{}|^");
    /** The password part of a URL's userinfo, up to the last {@code @} of the authority. */
    static final CharClass URL_PASSWORD = CharClass.printableExcept("/?#\"'<>`\\[]{}|^");

    /** A key name in an assignment or header: {@code DB_PASSWORD}, {@code spring.datasource.password}, {@code X-Api-Key}. */
    static final CharClass NAME = CharClass.of("A-Za-z0-9_.-");
    /** An unquoted value: up to a blank, a quote, a list or query separator, a bracket or the end of the line. */
    static final CharClass VALUE = CharClass.anyExcept(" \t\r\n\"'`,;&(){}[]<>\\");
    /** A value quoted with {@code \"} inside a JSON string. */
    static final CharClass ESCAPED_VALUE = CharClass.anyExcept("\r\n\"\\");
    /** Standard base64 with padding: AWS secrets and session tokens. */
    static final CharClass BASE64 = CharClass.of("A-Za-z0-9+/=");
    /** The path of a webhook URL: ids and secret joined by {@code /}. */
    static final CharClass WEBHOOK_PATH = CharClass.of("A-Za-z0-9_/-");
    /** An Oracle user name. */
    static final CharClass ORACLE_USER = CharClass.of("A-Za-z0-9_$#");

    private CharClasses() {}

    static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
