package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Ids;
import org.junit.jupiter.api.Test;

class SecretHashTest {

    @Test
    void isSha256OfTheSecret() {
        assertThat(SecretHash.hex(SecretHash.of("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void matchesOnlyTheSameSecret() {
        String secret = Ids.hex(32);
        byte[] stored = SecretHash.of(secret);
        String oneOff = secret.substring(0, 63) + (secret.charAt(63) == '0' ? '1' : '0');

        assertThat(SecretHash.matches(secret, stored)).isTrue();
        assertThat(SecretHash.matches(oneOff, stored)).isFalse();
        assertThat(SecretHash.matches("", stored)).isFalse();
        assertThat(SecretHash.matches(secret, new byte[0])).isFalse();
    }

    @Test
    void theDummyIsAHashThatNothingTypedMatches() {
        assertThat(SecretHash.DUMMY).hasSize(32);
        assertThat(SecretHash.matches("", SecretHash.DUMMY)).isFalse();
        assertThat(SecretHash.matches("0".repeat(64), SecretHash.DUMMY)).isFalse();
    }

    @Test
    void hexRoundTrips() {
        byte[] hash = SecretHash.of("x");

        assertThat(SecretHash.parseHex(SecretHash.hex(hash))).isEqualTo(hash);
    }
}
