package io.portcullis.policy.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarStoreTest {

    private static final byte[] ONE = "the first jar".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TWO = "the second jar".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path data;

    private JarStore store() {
        return JarStore.inDataFolder(data.toString());
    }

    @Test
    void aJarIsStoredUnderTheHashOfItsBytesInThePluginsFolder() throws Exception {
        String sha = JarStore.sha256(ONE);

        Path stored = store().put(sha, ONE);

        assertThat(stored)
                .isEqualTo(data.resolve("plugins").resolve(sha + ".jar").toAbsolutePath());
        assertThat(Files.readAllBytes(stored)).isEqualTo(ONE);
        assertThat(store().checked(sha)).isEqualTo(stored);
        try (Stream<Path> files = Files.list(data.resolve("plugins"))) {
            assertThat(files).containsExactly(stored); // no temporary file left behind
        }
    }

    @Test
    void bytesAreNeverStoredUnderAnotherHash() throws Exception {
        String shaOfOne = JarStore.sha256(ONE);

        assertThatThrownBy(() -> store().put(shaOfOne, TWO)).isInstanceOf(IllegalArgumentException.class);

        assertThat(store().has(shaOfOne)).isFalse();
    }

    @Test
    void aNameThatIsNotAHashIsRefusedBeforeAnyFileIsTouched() {
        assertThatThrownBy(() -> store().checked("../../admin.key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().put("A".repeat(64), ONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredJarChangedOnDiskIsTamperedAndStoringItAgainRestoresIt() throws Exception {
        String sha = JarStore.sha256(ONE);
        Path stored = store().put(sha, ONE);
        Files.write(stored, TWO);

        assertThatThrownBy(() -> store().checked(sha)).isInstanceOfSatisfying(JarStore.Unusable.class, e -> {
            assertThat(e.why()).isEqualTo(JarStore.Unusable.Why.TAMPERED);
            assertThat(e.getMessage()).contains("SHA-256").doesNotContain(data.toString());
        });

        store().put(sha, ONE);
        assertThat(Files.readAllBytes(store().checked(sha))).isEqualTo(ONE);
    }

    @Test
    void aMissingJarSaysToUploadItAgain() {
        assertThatThrownBy(() -> store().checked(JarStore.sha256(ONE)))
                .isInstanceOfSatisfying(JarStore.Unusable.class, e -> {
                    assertThat(e.why()).isEqualTo(JarStore.Unusable.Why.MISSING);
                    assertThat(e.getMessage()).contains("upload it again");
                });
    }

    @Test
    void retainDeletesTheJarsNoRecordNamesAndLeftOverTemporaryFiles() throws Exception {
        String one = JarStore.sha256(ONE);
        String two = JarStore.sha256(TWO);
        store().put(one, ONE);
        store().put(two, TWO);
        Path leftOver = Files.createFile(data.resolve("plugins").resolve(".incoming-123.tmp"));
        Path foreign = Files.createFile(data.resolve("plugins").resolve("README"));

        store().retain(Set.of(two));

        assertThat(store().has(one)).isFalse();
        assertThat(store().has(two)).isTrue();
        assertThat(leftOver).doesNotExist();
        assertThat(foreign).exists(); // not the store's to delete
    }

    @Test
    void retainWithoutAFolderIsNothing() {
        store().retain(Set.of());
        assertThat(data.resolve("plugins")).doesNotExist();
    }
}
