package io.portcullis.vault.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void objectsAndArraysRoundTripWhateverTheirCharacters() throws Exception {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("quote", "say \"hi\" \\ back/slash");
        metadata.put("lines", "a\nb\r\tc\u0001\u2028");
        metadata.put("unicode", "\u00e9\uD83D\uDD11");
        metadata.put("empty", "");

        assertThat(JsonText.parseObject("m", JsonText.object(metadata))).containsExactlyEntriesOf(metadata);
        assertThat(JsonText.parseObject("m", JsonText.object(Map.of()))).isEmpty();
        assertThat(JsonText.parseArray("a", JsonText.array(List.of("*.example.com", "a\"b"))))
                .containsExactly("*.example.com", "a\"b");
        assertThat(JsonText.parseArray("a", " [ \"x\" , \"y\" ] ")).containsExactly("x", "y");
        assertThat(JsonText.object(Map.of("k", "v"))).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void anythingElseIsACorruptColumnWithoutItsContent() {
        for (String bad : List.of(
                "",
                "{",
                "{\"k\":1}",
                "{\"k\":\"v\"} trailing",
                "[\"x\",]",
                "[\"\\x\"]",
                "[\"\\u12\"]",
                "[\"unterminated]",
                "{\"k\" \"v\"}")) {
            assertThatThrownBy(() -> JsonText.parseObject("metadata", bad))
                    .as(bad)
                    .isInstanceOf(SQLException.class)
                    .hasMessage("column metadata does not hold the JSON the vault writes");
            assertThatThrownBy(() -> JsonText.parseArray("allowed_hosts", bad))
                    .as(bad)
                    .isInstanceOf(SQLException.class);
        }
    }
}
