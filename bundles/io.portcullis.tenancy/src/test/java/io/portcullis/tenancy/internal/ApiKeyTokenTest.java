package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.store.Ids;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTokenTest {

    private static final String ID = "0123456789abcdef01234567";
    private static final String SECRET = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void generatedKeysHaveTheFormatAnd256BitSecrets() {
        ApiKeyToken key = ApiKeyToken.generate(Ids.next());

        assertThat(key.value()).matches("pk_[0-9a-f]{24}_[0-9a-f]{64}");
        assertThat(key.secret()).hasSize(64); // 32 bytes from SecureRandom
        assertThat(ApiKeyToken.parse(key.value())).contains(key);
        assertThat(key.prefix()).isEqualTo("pk_" + key.id());
    }

    @Test
    void generatedIdsAndSecretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ApiKeyToken key = ApiKeyToken.generate(Ids.next());
            assertThat(seen.add(key.id())).isTrue();
            assertThat(seen.add(key.secret())).isTrue();
        }
    }

    @Test
    void parsesAWellFormedKey() {
        assertThat(ApiKeyToken.parse("pk_" + ID + "_" + SECRET)).contains(new ApiKeyToken(ID, SECRET));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "pk_",
                "pk__",
                "PK_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "sk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pk-0123456789abcdef01234567-00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pk_0123456789abcdef01234567-00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pk_0123456789abcdef01234567.00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pk_0123456789ABCDEF01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pk_0123456789abcdef01234567_00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff",
                "pk_0123456789abcdef0123456_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0",
                "pk_0123456789abcdef012345678_00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",
                "pk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",
                "pk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0",
                "pk_0123456789abcdef01234567__0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "pk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeef_",
                " pk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",
                "pk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeef\n",
                "pk_0123456789abcdef01234567_0011223344556677889９aabbccddeeff00112233445566778899aabbccddeeff",
                "pk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbccddeefg",
                "Bearer pk_0123456789abcdef01234567_00112233445566778899aabbccddeeff00112233445566778899aabbcc"
            })
    void refusesAnythingElse(String value) {
        assertThat(ApiKeyToken.parse(value)).isEmpty();
    }

    @Test
    void toStringNeverShowsTheSecret() {
        ApiKeyToken key = new ApiKeyToken(ID, SECRET);

        assertThat(key.toString()).contains("pk_" + ID).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 8));
        assertThat(new BearerToken(key.value()).toString())
                .doesNotContain(SECRET)
                .doesNotContain(ID);
    }
}
