package io.portcullis.vault.internal.redaction;

import static io.portcullis.vault.internal.redaction.Fakes.alnum;
import static io.portcullis.vault.internal.redaction.Fakes.chars;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule redacts realistic fakes of its shape and leaves look-alikes alone. */
class RulesTest {

    private static String redact(String text) {
        return Automaton.PATTERNS.redact(text);
    }

    static Stream<Arguments> vendorKeys() {
        return Stream.of(
                Arguments.of("openai_key", "sk-" + alnum(48)),
                Arguments.of("openai_key", "sk-" + "proj-" + chars(Fakes.BASE64URL, 120, 3)),
                Arguments.of("anthropic_key", "sk-" + "ant-" + "api03-" + chars(Fakes.BASE64URL, 93, 4)),
                Arguments.of("aws_access_key", "AK" + "IA" + chars(Fakes.UPPER_ALNUM, 16, 5)),
                Arguments.of("aws_access_key", "AS" + "IA" + chars(Fakes.UPPER_ALNUM, 16, 6)),
                Arguments.of("github_token", "gh" + "p_" + alnum(36)),
                Arguments.of("github_token", "gh" + "s_" + alnum(36)),
                Arguments.of("github_token", "github_" + "pat_" + alnum(22) + "_" + alnum(59)),
                Arguments.of("slack_token", "xo" + "xb-" + "1234567890-1234567890123-" + alnum(24)),
                Arguments.of("slack_token", "xo" + "xp-" + "1234567890-" + alnum(24)),
                Arguments.of("stripe_key", "sk_" + "live_" + alnum(24)),
                Arguments.of("stripe_key", "rk_" + "live_" + alnum(24)),
                Arguments.of("stripe_key", "sk_" + "test_" + alnum(24)),
                Arguments.of("google_api_key", "AI" + "za" + chars(Fakes.BASE64URL, 35, 8)),
                Arguments.of("gitlab_token", "gl" + "pat-" + chars(Fakes.BASE64URL, 20, 9)),
                Arguments.of(
                        "sendgrid_key",
                        "S" + "G." + chars(Fakes.BASE64URL, 22, 10) + "." + chars(Fakes.BASE64URL, 43, 11)),
                Arguments.of("npm_token", "np" + "m_" + alnum(36)),
                Arguments.of("huggingface_token", "h" + "f_" + chars(Fakes.ALNUM, 34, 12)),
                Arguments.of(
                        "portcullis_key",
                        "p" + "k_" + chars(Fakes.LOWER_HEX, 24, 13) + "_" + chars(Fakes.LOWER_HEX, 64, 14)),
                Arguments.of("jwt", Fakes.jwt()),
                Arguments.of("private_key", Fakes.pem()),
                Arguments.of("card_number", Fakes.card("")),
                Arguments.of("card_number", Fakes.card(" ")),
                Arguments.of("card_number", Fakes.card("-")),
                Arguments.of("card_number", "3782" + " 822463 " + "10005")); // Amex test number, 4-6-5
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendorKeys")
    void redactsTheWholeValueInContext(String kind, String value) {
        String text = "config: key=\"" + value + "\", next line\n";

        assertThat(redact(text)).isEqualTo("config: key=\"[REDACTED:" + kind + "]\", next line\n");
        assertThat(redact(value)).isEqualTo("[REDACTED:" + kind + "]");
        assertThat(redact("(" + value + ")")).isEqualTo("([REDACTED:" + kind + "])");
    }

    @Test
    void keysInsideLongerWordsOrWithTheWrongLengthStay() {
        String aws = "AK" + "IA" + chars(Fakes.UPPER_ALNUM, 16, 5);
        assertThat(redact("X" + aws)).isEqualTo("X" + aws);
        assertThat(redact(aws + "Q")).isEqualTo(aws + "Q");
        assertThat(redact(aws.substring(0, 19))).isEqualTo(aws.substring(0, 19));
        String github = "gh" + "p_" + alnum(35);
        assertThat(redact(github)).isEqualTo(github);
        String google = "AI" + "za" + chars(Fakes.BASE64URL, 36, 8);
        assertThat(redact(google)).isEqualTo(google);
    }

    @ParameterizedTest
    @MethodSource("negatives")
    void leavesLookAlikesIntact(String text) {
        assertThat(redact(text)).isSameAs(text);
    }

    static Stream<String> negatives() {
        return Stream.of(
                "550e8400-e29b-41d4-a716-446655440000",
                "commit 3f786850e387550fdab836ed7e6dc881de23001b",
                "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "The quick brown fox jumps over the lazy dog, twice, in 2024.",
                "Open the task-list on the desk-top and ask-me-anything-you-want-to-know-later.",
                "ISBN 978-0-306-40615-7 and 9780306406158, call +1 555-123-4567, order 4111111111111112",
                "Meeting on 2024-06-10 at 12:30:45.123, epoch 1718022645123, timestamp 1718022645123456",
                "payload SGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGEgand0IGF0IGFsbA== ok",
                "eyJ alone, and eyJhbGciOiJIUzI1NiJ9 with no dots, and eyJhbGciOiJIUzI1NiJ9.x",
                "Bearer token, Bearer abc123, the bearer of bad news",
                "see https://example.com:8443/path?q=1 and postgres://db.internal/app and ssh://git@host:22/x",
                "session=true; sessionid=short; mysession=abcdefghijklmnop",
                "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
                "preauthorization: granted",
                "amounts 1,234,567,890,123,456 and 3.14159265358979323",
                "version 4.2.1-beta, port 5432, pid 65535, ids 2 3 4 5 6");
    }

    @Test
    void aCardNumberFailingLuhnOrStartingOutsideTheNetworksStays() {
        assertThat(redact("4111 1111 1111 1112")).isEqualTo("4111 1111 1111 1112");
        assertThat(redact("1111 1111 1111 1117")).isEqualTo("1111 1111 1111 1117"); // Luhn-valid, IIN 1
        assertThat(redact("4111-1111 1111-1111")).isEqualTo("4111-1111 1111-1111"); // mixed separators
        assertThat(redact("4111  1111  1111  1111")).isEqualTo("4111  1111  1111  1111"); // double spaces
        assertThat(redact("x4111111111111111")).isEqualTo("x4111111111111111");
    }

    @Test
    void aCardAfterOrBeforeOtherNumbersIsFound() {
        assertThat(redact("qty 12 " + Fakes.card(" ") + " 5 items")).isEqualTo("qty 12 [REDACTED:card_number] 5 items");
    }

    @Test
    void pemBlocksGoWhole() {
        String text = "key:\n" + Fakes.pem() + "\nafter";
        assertThat(redact(text)).isEqualTo("key:\n[REDACTED:private_key]\nafter");
        String truncated = "-----" + "BEGIN PRIVATE KEY-----\n" + alnum(60) + "\n" + alnum(20);
        assertThat(redact(truncated + " [truncated]")).isEqualTo("[REDACTED:private_key][truncated]");
    }

    @Test
    void authorizationValuesGoToTheEndOfTheLineOrQuote() {
        assertThat(redact("Authorization: Basic dXNlcjpwYXNz\nHost: x"))
                .isEqualTo("Authorization: [REDACTED:authorization]\nHost: x");
        assertThat(redact("proxy-AUTHORIZATION:Digest username=\"a\", response=\"b\"\r\n"))
                .isEqualTo("proxy-AUTHORIZATION:[REDACTED:authorization]\r\n");
        assertThat(redact("{\"authorization\": \"Token abc\", \"host\": \"x\"}"))
                .isEqualTo("{\"authorization\": \"[REDACTED:authorization]\", \"host\": \"x\"}");
        assertThat(redact("Authorization: Bearer " + alnum(40))).isEqualTo("Authorization: [REDACTED:authorization]");
    }

    @Test
    void bearerTokensNeedSixteenToken68Characters() {
        String token = chars(Fakes.ALNUM + "-._~+/", 30, 20) + "==";
        assertThat(redact("curl -H 'x: bearer " + token + "' url"))
                .isEqualTo("curl -H 'x: bearer [REDACTED:bearer_token]' url");
        assertThat(redact("Bearer " + Fakes.jwt())).isEqualTo("Bearer [REDACTED:jwt]");
        assertThat(redact("Bearer abcdefghijklmno")).isEqualTo("Bearer abcdefghijklmno");
    }

    @Test
    void urlPasswordsGoAndTheRestStays() {
        assertThat(redact("postgres://app:s3cr%40t:x@db.internal:5432/app"))
                .isEqualTo("postgres://app:[REDACTED:url_password]@db.internal:5432/app");
        assertThat(redact("redis://:hunter2@cache:6379")).isEqualTo("redis://:[REDACTED:url_password]@cache:6379");
        assertThat(redact("https://user:p@ss@host/x")).isEqualTo("https://user:[REDACTED:url_password]@host/x");
        assertThat(redact("https://user@host/x and https://host:443/"))
                .isEqualTo("https://user@host/x and https://host:443/");
    }

    @Test
    void sessionCookieValuesGoAndNamesStay() {
        String value = alnum(32);
        assertThat(redact("Cookie: theme=dark; JSESSIONID=" + value + "; lang=en"))
                .isEqualTo("Cookie: theme=dark; JSESSIONID=[REDACTED:session_cookie]; lang=en");
        assertThat(redact("Set-Cookie: laravel_session=" + value + "; Path=/"))
                .isEqualTo("Set-Cookie: laravel_session=[REDACTED:session_cookie]; Path=/");
        assertThat(redact("PHPSESSID=" + value)).isEqualTo("PHPSESSID=[REDACTED:session_cookie]");
        assertThat(redact("connect.sid=s%3A" + value + "&x=1")).isEqualTo("connect.sid=[REDACTED:session_cookie]&x=1");
        assertThat(redact("/cb?sessionid=" + value)).isEqualTo("/cb?sessionid=[REDACTED:session_cookie]");
    }

    @Test
    void overlappingFindingsMergeUnderTheStrongestKind() {
        String anthropic = "sk-" + "ant-" + chars(Fakes.BASE64URL, 40, 4);
        assertThat(redact(anthropic)).isEqualTo("[REDACTED:anthropic_key]");
        assertThat(redact("a " + Fakes.jwt() + " " + Fakes.card(" ") + " b"))
                .isEqualTo("a [REDACTED:jwt] [REDACTED:card_number] b");
    }

    @Test
    void anAuthorizationHeaderInAQuotedShellArgumentEndsAtItsClosingQuote() {
        String token = alnum(40);

        assertThat(redact("curl -H \"Authorization: Bearer " + token + "\" https://api.example.com/v1 -d x"))
                .isEqualTo("curl -H \"Authorization: [REDACTED:authorization]\" https://api.example.com/v1 -d x");
        assertThat(redact("curl -H 'Authorization: Basic " + token + "' -H 'Accept: json' https://x"))
                .isEqualTo("curl -H 'Authorization: [REDACTED:authorization]' -H 'Accept: json' https://x");
        assertThat(redact("wget --header=\"authorization: token " + token + "\" https://x"))
                .isEqualTo("wget --header=\"authorization: [REDACTED:authorization]\" https://x");
        // Outside quotes the header still runs to the end of its line.
        assertThat(redact("Authorization: Digest username=\"a\", response=\"" + token + "\"\nHost: x"))
                .isEqualTo("Authorization: [REDACTED:authorization]\nHost: x");
    }
}
