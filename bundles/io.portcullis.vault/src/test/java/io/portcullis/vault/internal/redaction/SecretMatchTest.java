package io.portcullis.vault.internal.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact matching of live secrets of any shape, including ones no rule would recognise. */
class SecretMatchTest {

    private static Automaton of(String... secrets) {
        return Automaton.of(List.of(secrets).stream().map(String::toCharArray).toList());
    }

    @Test
    void matchesSecretsOfOddShapes() {
        Automaton automaton = of("correct horse battery", "pässwörd-ünïcode-✓", "a\"b'c;d\\e", "日本語の秘密");

        assertThat(automaton.redact("say correct horse battery staple")).isEqualTo("say [REDACTED:credential] staple");
        assertThat(automaton.redact("pw=pässwörd-ünïcode-✓!")).isEqualTo("pw=[REDACTED:credential]!");
        assertThat(automaton.redact("{\"v\":\"a\"b'c;d\\e\"}")).isEqualTo("{\"v\":\"[REDACTED:credential]\"}");
        assertThat(automaton.redact("秘密は日本語の秘密です")).isEqualTo("秘密は[REDACTED:credential]です");
    }

    @Test
    void matchesCaseSensitively() {
        Automaton automaton = of("MixedCaseSecret1");

        assertThat(automaton.redact("x MixedCaseSecret1 y")).isEqualTo("x [REDACTED:credential] y");
        assertThat(automaton.redact("x mixedcasesecret1 MIXEDCASESECRET1 y"))
                .isEqualTo("x mixedcasesecret1 MIXEDCASESECRET1 y");
    }

    @Test
    void twoSecretsThatFoldAlikeAreBothMatchedExactly() {
        Automaton automaton = of("abcdefGH", "ABCDEFgh");

        assertThat(automaton.redact("abcdefGH ABCDEFgh abcdefgh"))
                .isEqualTo("[REDACTED:credential] [REDACTED:credential] abcdefgh");
    }

    @Test
    void aSecretThatIsAPrefixOfAnotherIsRedactedWhole() {
        Automaton automaton = of("hunter22", "hunter22-and-more");

        assertThat(automaton.redact("a hunter22-and-more b")).isEqualTo("a [REDACTED:credential] b");
        assertThat(automaton.redact("a hunter22-and-less b")).isEqualTo("a [REDACTED:credential]-and-less b");
    }

    @Test
    void overlappingSecretsMergeIntoOneReplacement() {
        Automaton automaton = of("alpha-beta", "beta-gamma");

        assertThat(automaton.redact("x alpha-beta-gamma y")).isEqualTo("x [REDACTED:credential] y");
    }

    @Test
    void secretsInsidePatternFindingsWinTheKind() {
        String key = "sk-" + Fakes.alnum(40);
        Automaton automaton = of(key);

        assertThat(automaton.redact("k=" + key)).isEqualTo("k=[REDACTED:credential]");
        assertThat(automaton.redact("Authorization: Bearer " + key + "\n"))
                .isEqualTo("Authorization: [REDACTED:credential]\n");
    }

    @Test
    void duplicatesAndEmptyValuesAreHarmless() {
        Automaton automaton = Automaton.of(List.of("dup-value".toCharArray(), "dup-value".toCharArray(), new char[0]));

        assertThat(automaton.secrets()).isEqualTo(1);
        assertThat(automaton.redact("dup-value")).isEqualTo("[REDACTED:credential]");
        assertThat(automaton.redact("nothing here")).isEqualTo("nothing here");
    }

    @Test
    void cleanTextIsReturnedAsTheSameInstance() {
        String text = "2024-06-10 INFO request done in 12 ms for workspace 'w1'";

        assertThat(of("hunter22").redact(text)).isSameAs(text);
        assertThat(Automaton.PATTERNS.redact("")).isEmpty();
    }

    @Test
    void sparseStatesMatchWhatDenseRowsMatch() {
        List<char[]> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            secrets.add(Fakes.chars(Fakes.ALNUM + "-_ .", 12 + i % 30, i).toCharArray());
        }
        Automaton dense = AutomatonBuilder.build(Rules.ALL, secrets);
        Automaton sparse = AutomatonBuilder.build(Rules.ALL, secrets, 1); // only the root is dense
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < secrets.size(); i += 3) {
            text.append("line ")
                    .append(i)
                    .append(": ")
                    .append(secrets.get(i))
                    .append(' ')
                    .append(Fakes.chars(Fakes.ALNUM + " ", 80, 1000 + i))
                    .append(" sk-")
                    .append(Fakes.alnum(30))
                    .append('\n');
        }
        String input = text.toString();

        assertThat(sparse.denseStates).isEqualTo(1);
        assertThat(sparse.redact(input)).isEqualTo(dense.redact(input));
        assertThat(dense.redact(input)).contains("[REDACTED:credential]").doesNotContain(new String(secrets.get(0)));
    }
}
