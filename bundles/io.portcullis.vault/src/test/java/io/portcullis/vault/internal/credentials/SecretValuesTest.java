package io.portcullis.vault.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.vault.CredentialKind;
import io.portcullis.web.ProblemException;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

    @Test
    void lengthsAreCountedInCharactersNotUnits() {
        String eightKeys = "\uD83D\uDD11".repeat(8); // 8 code points, 16 UTF-16 units

        assertThat(SecretValues.require(CredentialKind.OTHER, eightKeys)).isEqualTo(eightKeys);
        assertThat(SecretValues.require(CredentialKind.OTHER, "x".repeat(SecretValues.MAX)))
                .hasSize(16_384);
        assertThatThrownBy(() -> SecretValues.require(CredentialKind.OTHER, "\uD83D\uDD11".repeat(7)))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> SecretValues.require(CredentialKind.OTHER, "x".repeat(SecretValues.MAX + 1)))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void onlyKeysAndOtherValuesSpanLines() {
        String lines = "line one\nline two\r\n";

        assertThat(SecretValues.require(CredentialKind.PRIVATE_KEY, lines)).isEqualTo(lines);
        assertThat(SecretValues.require(CredentialKind.OTHER, lines)).isEqualTo(lines);
        for (CredentialKind kind : new CredentialKind[] {
            CredentialKind.API_KEY,
            CredentialKind.BEARER_TOKEN,
            CredentialKind.OAUTH_TOKEN,
            CredentialKind.BASIC,
            CredentialKind.WEBHOOK_URL
        }) {
            assertThatThrownBy(() -> SecretValues.require(kind, "user:pass\rX: y"))
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("one line");
        }
    }

    @Test
    void basicNeedsAUserAndAPassword() {
        assertThat(SecretValues.require(CredentialKind.BASIC, "user:pa:ss")).isEqualTo("user:pa:ss");
        assertThatThrownBy(() -> SecretValues.require(CredentialKind.BASIC, "userpassword"))
                .hasMessageContaining("user:password");
        assertThatThrownBy(() -> SecretValues.require(CredentialKind.BASIC, ":password"))
                .hasMessageContaining("user:password");
        assertThatThrownBy(() -> SecretValues.require(CredentialKind.BASIC, "username:"))
                .hasMessageContaining("user:password");
    }

    @Test
    void webhooksAreAbsoluteHttpUrlsWithAHost() {
        assertThat(SecretValues.require(CredentialKind.WEBHOOK_URL, "HTTPS://hooks.example.com/x?token=abc"))
                .startsWith("HTTPS://");
        assertThat(SecretValues.require(CredentialKind.WEBHOOK_URL, "http://10.0.0.1:8080/hook"))
                .isNotEmpty();
        for (String bad : new String[] {
            "javascript:alert(1)", "https://", "mailto:a@example.com", "https://exa mple.com/x", "//hooks.example.com/x"
        }) {
            assertThatThrownBy(() -> SecretValues.require(CredentialKind.WEBHOOK_URL, bad + "/padding"))
                    .as(bad)
                    .isInstanceOf(ProblemException.class)
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    void tabsAreTextButOtherControlsAndLoneSurrogatesAreNot() {
        assertThat(SecretValues.require(CredentialKind.API_KEY, "key\twith tab"))
                .contains("\t");
        for (String bad : new String[] {
            "12345678\u0000", "12345678\u007f", "12345678\u0085", "12345678\udc00", "\ud800" + "12345678"
        }) {
            assertThatThrownBy(() -> SecretValues.require(CredentialKind.OTHER, bad))
                    .isInstanceOf(ProblemException.class)
                    .hasMessageStartingWith("Field 'value' must be text");
        }
    }
}
