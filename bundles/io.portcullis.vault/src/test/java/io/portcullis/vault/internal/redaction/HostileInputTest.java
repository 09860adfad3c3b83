package io.portcullis.vault.internal.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A megabyte of each repetition that would make a backtracking or rescanning matcher quadratic
 * finishes, and the verifiers read a small constant per input character (counted, not timed).
 */
class HostileInputTest {

    private static final int SIZE = 1 << 20;
    /** Characters verifiers may read per input character, over all rules together. */
    private static final int WORK_PER_CHAR = 24;

    static Stream<Arguments> inputs() {
        return Stream.of(
                Arguments.of("a", "a"),
                Arguments.of("eyJ", "eyJ"),
                Arguments.of("eyJ parts", "eyJhbGciOiJIUzI1NiJ9.eyJ."),
                Arguments.of("-----BEGIN ", "-----BEGIN "),
                Arguments.of("PEM headers without footer", "-----BEGIN PRIVATE KEY-----\n"),
                Arguments.of("digits", "4"),
                Arguments.of("grouped digits", "4111 "),
                Arguments.of("://:@", "://:@"),
                Arguments.of("url", "a://b:c"),
                Arguments.of("sk-", "sk-"),
                Arguments.of("authorization:", "authorization:"),
                Arguments.of("bearer ", "bearer "),
                Arguments.of("session=", "session="),
                Arguments.of("secret prefix", "hunter2hunter2"),
                Arguments.of("urls", "http://a.b/c?d=e "),
                Arguments.of("bearer fragments", "bearer bearer x"),
                Arguments.of("password=", "password="),
                Arguments.of("token: token", "token: token"),
                Arguments.of("api key headers", "X-Api-Key: "),
                Arguments.of("long option", "--password "),
                Arguments.of("names", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_token=v "),
                Arguments.of("mysql -p", "mysql -p"),
                Arguments.of("curl -u", "curl -u a:"),
                Arguments.of("telegram", "123456789:AA"),
                Arguments.of("discord", "MTA.MTA."),
                Arguments.of("quoted values", "password=\""),
                Arguments.of("xml", "<password>"),
                Arguments.of("oracle", "jdbc:oracle:thin:a/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void finishesInLinearWork(String name, String unit) {
        String text = unit.repeat(SIZE / unit.length() + 1);
        Automaton automaton =
                Automaton.of(List.of("hunter2hunter2hunter2!".toCharArray(), "aaaaaaaaaaaaaaaB".toCharArray()));

        Scan scan = automaton.scan(text);
        String redacted = automaton.redact(text);

        long work = scan == null ? 0 : scan.work();
        assertThat(work).as("verifier reads for %s", name).isLessThanOrEqualTo((long) WORK_PER_CHAR * text.length());
        assertThat(redacted).isNotNull();
    }

    @Test
    void groupedDigitsAreReadOnceWhateverTheGroupStarts() {
        // The card rule runs at every group start and looks up to 19 digits on; each group is read once.
        String text = "4111 ".repeat(SIZE / 5);
        Automaton cards = AutomatonBuilder.build(List.of(new CardNumberRule()), List.of());

        Scan scan = cards.scan(text);

        assertThat(scan).isNotNull();
        assertThat(scan.work()).isLessThanOrEqualTo(3L * text.length());
        assertThat(cards.redact("1111 1111 " + Fakes.card(" ") + " end"))
                .isEqualTo("1111 1111 [REDACTED:card_number] end");
    }

    @ParameterizedTest(name = "{0} then a real secret")
    @MethodSource("inputs")
    void aSecretAfterHostileInputIsStillFound(String name, String unit) {
        String key = "gh" + "p_" + Fakes.alnum(36);
        String text = unit.repeat(1000) + "\n" + key + "\n";

        // A truncated PEM body may take the line break before the key with it; the key goes either way.
        assertThat(Automaton.PATTERNS.redact(text))
                .endsWith("[REDACTED:github_token]\n")
                .doesNotContain(key);
    }
}
