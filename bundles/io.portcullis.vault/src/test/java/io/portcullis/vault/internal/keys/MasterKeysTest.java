package io.portcullis.vault.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeysTest {

    static final byte[] MATERIAL = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            MATERIAL[i] = (byte) (i * 7 + 3);
        }
    }

    static final String BASE64 = Base64.getEncoder().encodeToString(MATERIAL);

    @TempDir
    Path data;

    @Test
    void takesTheKeyFromTheEnvironmentAndNamesItByItsHmacId() throws Exception {
        LoadedKeys keys = MasterKeys.load(Map.of(MasterKeys.ENV, BASE64), data);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MATERIAL, "HmacSHA256"));
        String expected =
                HexFormat.of().formatHex(mac.doFinal(MasterKey.ID_LABEL.getBytes(StandardCharsets.US_ASCII)), 0, 8);
        assertThat(keys.current().id()).isEqualTo(expected).hasSize(16);
        assertThat(keys.fromEnvironment()).isTrue();
        assertThat(keys.rotationPending()).isFalse();
        assertThat(keys.current().toString()).doesNotContain(BASE64).contains(expected);
        assertThat(data.resolve(MasterKeys.FILE)).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not base64 at all!",
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==",
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==",
                "c2hvcnQ="
            })
    void refusesABadEnvironmentKeyNamingTheVariableNotTheValue(String value) {
        assertThatThrownBy(() -> MasterKeys.load(Map.of(MasterKeys.ENV, value), data))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageStartingWith("PORTCULLIS_MASTER_KEY must be the base64 of exactly 32")
                .hasMessageNotContaining(value)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(data.resolve(MasterKeys.FILE)).doesNotExist();
    }

    @Test
    void refusesABadPreviousKeyAndAPreviousKeyAlone() {
        assertThatThrownBy(() ->
                        MasterKeys.load(Map.of(MasterKeys.ENV, BASE64, MasterKeys.PREVIOUS_ENV, "c2hvcnQ="), data))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageStartingWith("PORTCULLIS_MASTER_KEY_PREVIOUS must be");
        assertThatThrownBy(() -> MasterKeys.load(Map.of(MasterKeys.PREVIOUS_ENV, BASE64), data))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("PORTCULLIS_MASTER_KEY is not")
                .hasMessageNotContaining(BASE64);
    }

    @Test
    void acceptsThePreviousEnvironmentKeyForABackgroundRewrap() throws Exception {
        String next = Base64.getEncoder().encodeToString(new byte[32]);

        LoadedKeys keys = MasterKeys.load(Map.of(MasterKeys.ENV, next, MasterKeys.PREVIOUS_ENV, BASE64), data);

        assertThat(keys.current().id()).isEqualTo(MasterKey.of(new byte[32]).id());
        assertThat(keys.previous()).containsExactly(MasterKey.of(MATERIAL));
        assertThat(keys.rotationPending()).isTrue();
    }

    @Test
    void generatesTheKeyFileWithMode0600AndReusesIt() throws Exception {
        LoadedKeys generated = MasterKeys.load(Map.of(), data);
        Path file = data.resolve(MasterKeys.FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        assertThat(Base64.getDecoder().decode(content)).hasSize(32);
        assertThat(MasterKeys.decode(content, "test").id())
                .isEqualTo(generated.current().id());
        assertThat(generated.fromEnvironment()).isFalse();

        LoadedKeys again = MasterKeys.load(Map.of(), data);

        assertThat(again.current().id()).isEqualTo(generated.current().id());
        assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).isEqualTo(content);
    }

    @Test
    void theEnvironmentWinsOverAKeyFile() throws Exception {
        MasterKeys.load(Map.of(), data);

        assertThat(MasterKeys.load(Map.of(MasterKeys.ENV, BASE64), data).current())
                .isEqualTo(MasterKey.of(MATERIAL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-"})
    void refusesAKeyFileThatOthersMayAccess(String mode) throws Exception {
        MasterKeys.load(Map.of(), data);
        Path file = data.resolve(MasterKeys.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        String content = Files.readString(file).strip();

        assertThatThrownBy(() -> MasterKeys.load(Map.of(), data))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("accessible by group or others")
                .hasMessageContaining("chmod 600")
                .hasMessageNotContaining(content);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(MasterKeys.load(Map.of(), data).current().base64()).isEqualTo(content);
    }

    @Test
    void refusesAKeyFileThatIsNotAKey() throws Exception {
        Files.writeString(data.resolve(MasterKeys.FILE), "hunter2\n");
        Files.setPosixFilePermissions(data.resolve(MasterKeys.FILE), PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> MasterKeys.load(Map.of(), data))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("master key file")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void loadsBothKeysWhenARotationWasInterrupted() throws Exception {
        MasterKey old = MasterKeys.load(Map.of(), data).current();
        MasterKey next = MasterKey.generate();
        KeyFiles.create(data.resolve(MasterKeys.NEXT_FILE), next);

        LoadedKeys keys = MasterKeys.load(Map.of(), data);

        assertThat(keys.current()).isEqualTo(next);
        assertThat(keys.previous()).containsExactly(old);
        assertThat(keys.rotationPending()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(MasterKeys.NEXT_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void refusesANextFileWithoutAKeyFileInsteadOfGeneratingAKey() throws Exception {
        KeyFiles.create(data.resolve(MasterKeys.NEXT_FILE), MasterKey.generate());

        assertThatThrownBy(() -> MasterKeys.load(Map.of(), data))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("is missing");
        assertThat(data.resolve(MasterKeys.FILE)).doesNotExist();
    }
}
