package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private final Redaction redaction = new Redaction();
    private final UnaryOperator<String> first = text -> text.replace("secret", "[REDACTED:first]");
    private final UnaryOperator<String> second = text -> text.replace("secret", "[REDACTED:second]");

    @Test
    void withoutARedactorTextIsUnchanged() {
        String text = "a secret";

        assertThat(redaction.apply(text)).isSameAs(text);
    }

    @Test
    void theRedactorInUseCleansText() {
        redaction.use(first);

        assertThat(redaction.apply("a secret")).isEqualTo("a [REDACTED:first]");
    }

    @Test
    void withdrawingAReplacedRedactorKeepsItsReplacement() {
        // Declarative Services binds a better-ranked redactor before it unbinds the old one.
        redaction.use(first);
        redaction.use(second);
        redaction.withdraw(first);

        assertThat(redaction.apply("a secret")).isEqualTo("a [REDACTED:second]");

        redaction.withdraw(second);
        assertThat(redaction.apply("a secret")).isEqualTo("a secret");
    }

    @Test
    void aRedactorThatFailsOrAnswersNullWithholdsTheText() {
        redaction.use(text -> {
            throw new IllegalStateException(text);
        });
        assertThat(redaction.apply("a secret")).isEqualTo(Redaction.WITHHELD);

        redaction.use(text -> null);
        assertThat(redaction.apply("a secret")).isEqualTo(Redaction.WITHHELD);
    }
}
