package io.portcullis.agent.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffTest {

    @Test
    void keywordsMatchWholeWordsAndPhrasesWhateverTheCase() {
        List<String> keywords = List.of("human", "speak to a manager");
        assertThat(Handoff.matches(keywords, "I want a HUMAN now")).isTrue();
        assertThat(Handoff.matches(keywords, "Let me Speak  to a\nmanager.")).isTrue();
        assertThat(Handoff.matches(keywords, "humane treatment please")).isFalse();
        assertThat(Handoff.matches(keywords, "inhuman")).isFalse();
        assertThat(Handoff.matches(List.of(), "human")).isFalse();
    }

    @Test
    void invisibleCharactersDoNotHideAKeyword() {
        assertThat(Handoff.matches(List.of("human"), "hu\u200Bman please")).isTrue();
    }
}
