package io.portcullis.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutTest {

    @TempDir
    Path home;

    @Test
    void theDataFolderDefaultsToDataBesideBinAndIsCreated() throws Exception {
        Files.createDirectories(home.resolve("bundle"));

        Layout layout = Layout.of(home, Map.of());

        assertThat(layout.data()).isEqualTo(home.resolve("data"));
        assertThat(layout.data()).isDirectory();
        assertThat(layout.deploy()).isDirectory();
        assertThat(layout.frameworkStorage()).isEqualTo(home.resolve("data/felix-cache"));
    }

    @Test
    void portcullisDataMovesTheDataFolder() throws Exception {
        Files.createDirectories(home.resolve("bundle"));
        Path elsewhere = home.resolve("elsewhere/state");

        Layout layout = Layout.of(home, Map.of("PORTCULLIS_DATA", elsewhere.toString()));

        assertThat(layout.data()).isEqualTo(elsewhere).isDirectory();
    }

    @Test
    void aDataFolderThatCannotBeWrittenIsNamed() throws Exception {
        Files.createDirectories(home.resolve("bundle"));
        Path file = Files.writeString(home.resolve("a-file"), "not a folder");

        assertThatThrownBy(() -> Layout.of(home, Map.of("PORTCULLIS_DATA", file.toString())))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("data folder " + file)
                .hasMessageContaining("not writable")
                .hasMessageContaining("PORTCULLIS_DATA");
    }

    @Test
    void aFolderWithoutBundlesIsNotADistribution() {
        assertThatThrownBy(() -> Layout.of(home, Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("no bundle folder");
    }
}
