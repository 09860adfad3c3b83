package io.portcullis.vault.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AeadTest {

    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");
    private static final byte[] AAD = "ws1/cred1/v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "sk-live-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsWithNonceCiphertextAndTag() throws Exception {
        byte[] sealed = Aead.seal(KEY, VALUE, AAD);

        assertThat(sealed).hasSize(Aead.NONCE_BYTES + VALUE.length + Aead.TAG_BYTES);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("sk-live");
        assertThat(Aead.open(KEY, sealed, AAD)).isEqualTo(VALUE);
    }

    @Test
    void drawsAFreshNonceForEverySeal() {
        byte[] first = Aead.seal(KEY, VALUE, AAD);
        byte[] second = Aead.seal(KEY, VALUE, AAD);

        assertThat(java.util.Arrays.copyOf(first, Aead.NONCE_BYTES))
                .isNotEqualTo(java.util.Arrays.copyOf(second, Aead.NONCE_BYTES));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesEveryFlippedByteOfNonceCiphertextAndTag() throws Exception {
        byte[] sealed = Aead.seal(KEY, VALUE, AAD);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> Aead.open(KEY, tampered, AAD))
                    .as("byte %d", i)
                    .isInstanceOf(SealException.class);
        }
        assertThat(Aead.open(KEY, sealed, AAD)).isEqualTo(VALUE);
    }

    @Test
    void refusesOtherAssociatedDataAnotherKeyAndTruncation() throws Exception {
        byte[] sealed = Aead.seal(KEY, VALUE, AAD);
        SecretKeySpec other = new SecretKeySpec(
                new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                    28, 29, 30, 31, 32
                },
                "AES");

        assertThatThrownBy(() -> Aead.open(KEY, sealed, "ws1/cred2/v1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SealException.class);
        assertThatThrownBy(() -> Aead.open(other, sealed, AAD)).isInstanceOf(SealException.class);
        assertThatThrownBy(() -> Aead.open(KEY, java.util.Arrays.copyOf(sealed, sealed.length - 1), AAD))
                .isInstanceOf(SealException.class);
        assertThatThrownBy(() -> Aead.open(KEY, new byte[Aead.NONCE_BYTES + Aead.TAG_BYTES - 1], AAD))
                .isInstanceOf(SealException.class)
                .hasMessageNotContaining("sk-live");
        assertThat(Aead.open(KEY, sealed, AAD)).isEqualTo(VALUE);
    }

    @Test
    void opensAnEmptyValue() throws Exception {
        assertThat(Aead.open(KEY, Aead.seal(KEY, new byte[0], AAD), AAD)).isEmpty();
    }
}
