package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Ids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminKeysTest {

    @TempDir
    Path data;

    @Test
    void takesAStrongKeyFromTheEnvironment() throws Exception {
        ApiKeyToken token = ApiKeyToken.generate(Ids.next());

        AdminKey key = AdminKeys.load(Map.of(AdminKeys.ENV, token.value()), data);

        assertThat(key.id()).isEqualTo(token.id());
        assertThat(SecretHash.matches(token.secret(), key.secretHash())).isTrue();
        assertThat(data.resolve(AdminKeys.FILE)).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hunter2-admin",
                "pk_0123456789abcdef01234567_short",
                "pk_0123456789abcdef01234567_0000000000000000000000000000000000000000000000000000000000000000",
                "pk_0123456789abcdef01234567_0101010101010101010101010101010101010101010101010101010101010101"
            })
    void refusesAMalformedOrWeakEnvironmentKeyNamingTheVariableNotTheValue(String value) {
        assertThatThrownBy(() -> AdminKeys.load(Map.of(AdminKeys.ENV, value), data))
                .isInstanceOf(AdminKeys.AdminKeyException.class)
                .hasMessageStartingWith("PORTCULLIS_ADMIN_KEY ")
                .hasMessageNotContaining(value)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void generatesTheKeyFileWithMode0600AndReusesIt() throws Exception {
        AdminKey generated = AdminKeys.load(Map.of(), data);
        Path file = data.resolve(AdminKeys.FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        ApiKeyToken token = ApiKeyToken.parse(content).orElseThrow();
        assertThat(token.id()).isEqualTo(generated.id());
        assertThat(SecretHash.matches(token.secret(), generated.secretHash())).isTrue();

        AdminKey again = AdminKeys.load(Map.of(), data);

        assertThat(again.id()).isEqualTo(generated.id());
        assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).isEqualTo(content);
    }

    @Test
    void createsTheDataFolderIfMissing() throws Exception {
        AdminKeys.load(Map.of(), data.resolve("new/data"));

        assertThat(data.resolve("new/data").resolve(AdminKeys.FILE)).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rwx---r-x"})
    void refusesAKeyFileThatOthersMayAccess(String mode) throws Exception {
        AdminKeys.load(Map.of(), data);
        Path file = data.resolve(AdminKeys.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        String content = Files.readString(file);

        assertThatThrownBy(() -> AdminKeys.load(Map.of(), data))
                .isInstanceOf(AdminKeys.AdminKeyException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("group or others")
                .hasMessageNotContaining(content.strip());
    }

    @Test
    void refusesAKeyFileThatHoldsNoKey() throws Exception {
        Path file = data.resolve(AdminKeys.FILE);
        Files.writeString(file, "not a key\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> AdminKeys.load(Map.of(), data))
                .isInstanceOf(AdminKeys.AdminKeyException.class)
                .hasMessageContaining("does not hold a key")
                .hasMessageNotContaining("not a key");
    }

    @Test
    void theEnvironmentWinsOverAFile() throws Exception {
        AdminKey fromFile = AdminKeys.load(Map.of(), data);
        ApiKeyToken token = ApiKeyToken.generate(Ids.next());

        AdminKey fromEnv = AdminKeys.load(Map.of(AdminKeys.ENV, token.value()), data);

        assertThat(fromEnv.id()).isEqualTo(token.id()).isNotEqualTo(fromFile.id());
    }

    @Test
    void toStringShowsNoSecret() throws Exception {
        ApiKeyToken token = ApiKeyToken.generate(Ids.next());

        assertThat(AdminKey.of(token).toString()).doesNotContain(token.secret());
    }
}
