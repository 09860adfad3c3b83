package io.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @Test
    void normalisesToNfcAndStrips() {
        assertThat(Names.require("name", "  Cafe\u0301 ")).isEqualTo("Caf\u00e9");
    }

    @Test
    void countsCodePointsUpToOneHundred() {
        assertThat(Names.require("name", "a".repeat(100))).hasSize(100);
        assertThat(Names.require("name", "\ud83d\ude00".repeat(100))).hasSize(200); // 100 emoji
        assertThatThrownBy(() -> Names.require("name", "a".repeat(101)))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("1..100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void refusesBlankNames(String name) {
        assertThatThrownBy(() -> Names.require("name", name)).isInstanceOf(ProblemException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "a\u0007b",
                "a\nb",
                "a\u001bb",
                "a\u007fb",
                "a\u0085b", // controls
                "a\u200bb",
                "a\u202eb",
                "a\ufeffb",
                "a\u2066b", // zero-width, bidi override, BOM, isolate
                "a\u2028b",
                "a\u2029b", // line and paragraph separators
                "a\ud800b", // lone surrogate
                "a\ue000b" // private use
            })
    void refusesControlAndInvisibleCharactersWithoutEchoingThem(String name) {
        assertThatThrownBy(() -> Names.require("owner.name", name))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400))
                .hasMessageContaining("owner.name")
                .hasMessageNotContaining(name);
    }

    @Test
    void refusesAMissingName() {
        assertThatThrownBy(() -> Names.require("name", null)).hasMessageContaining("required");
    }

    @Test
    void acceptsOrdinaryInternationalNames() {
        assertThat(Names.require("name", "Zoë Ødegård – Ops 東京")).isEqualTo("Zoë Ødegård – Ops 東京");
    }
}
