package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Ids;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InviteTokenTest {

    private static final String ID = "0123456789abcdef01234567";
    private static final String SECRET = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void generatedTokensHaveTheFormatAnd256BitSecrets() {
        InviteToken token = InviteToken.generate(Ids.next());

        assertThat(token.value()).matches("pi_[0-9a-f]{24}_[0-9a-f]{64}").hasSize(InviteToken.LENGTH);
        assertThat(token.secret()).hasSize(2 * 32);
        assertThat(InviteToken.parse(token.value())).contains(token);
    }

    @Test
    void generatedSecretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(InviteToken.generate(Ids.next()).secret())).isTrue();
        }
    }

    @Test
    void parsesAWellFormedToken() {
        assertThat(InviteToken.parse("pi_" + ID + "_" + SECRET)).contains(new InviteToken(ID, SECRET));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "pi_",
                "pi__",
                // an API key is not an invite, nor the other way round
                "pk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "PI_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pi-0123456789abcdef01234567-00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pi_0123456789ABCDEF01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pi_0123456789abcdef01234567_00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff",
                "pi_0123456789abcdef0123456_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0",
                "pi_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",
                "pi_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0",
                " pi_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",
                "pi_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeef\n",
                "pi_0123456789abcdef01234567_0011223344556677889９aabbccddeeff00112233445566778899aabbccddeeff",
                "pi_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeefg",
                "pi_0123456789abcdef01234567_' OR 1=1 --"
            })
    void refusesAnythingElse(String value) {
        assertThat(InviteToken.parse(value)).isEmpty();
    }

    @Test
    void onlyTheHashOfTheSecretIsKeptAndItMatchesInConstantTimeOnly() {
        InviteToken token = InviteToken.generate(Ids.next());
        byte[] stored = SecretHash.of(token.secret());

        assertThat(SecretHash.hex(stored)).hasSize(64).doesNotContain(token.secret());
        assertThat(SecretHash.matches(token.secret(), stored)).isTrue();
        assertThat(SecretHash.matches(InviteToken.generate(token.id()).secret(), stored))
                .isFalse();
    }

    @Test
    void toStringNeverShowsTheSecret() {
        InviteToken token = new InviteToken(ID, SECRET);

        assertThat(token.toString()).contains(ID).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 8));
        assertThat(new Bodies.AcceptInvite(token.value()).toString())
                .doesNotContain(SECRET)
                .doesNotContain(ID);
    }
}
