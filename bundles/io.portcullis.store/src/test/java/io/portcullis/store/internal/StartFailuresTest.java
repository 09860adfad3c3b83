package io.portcullis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failures that stop the store at start come as one line that names what to fix, without secrets. */
class StartFailuresTest {

    private static final String SECRET = "hunter2-secret";

    @TempDir
    Path temp;

    @Test
    void createsAMissingDataFolder() throws Exception {
        Path folder = temp.resolve("data/db");

        assertThat(DataFolder.prepare(folder)).isDirectory();
        try (var files = Files.list(folder)) {
            assertThat(files).as("the write probe is gone").isEmpty();
        }
    }

    @Test
    void aDataFolderThatCannotBeCreatedIsOneClearLine() throws Exception {
        Path file = Files.writeString(temp.resolve("data"), "not a folder");

        assertThatThrownBy(() -> DataFolder.prepare(file.resolve("db")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("data folder '" + file.resolve("db") + "' cannot be created")
                .hasMessageContaining("PORTCULLIS_DATA")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnreachablePostgresqlNamesTheRedactedUrl() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/portcullis?password=" + SECRET + "&connectTimeout=2";
        StoreSettings settings = StoreSettings.from(new TestConfig(url, "app", SECRET, 2), Map.of(), temp);

        assertThatThrownBy(() -> Pools.open(settings, TestDatabase.postgres().driver()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(
                        "cannot connect to the database at 'jdbc:postgresql://127.0.0.1:1/portcullis?password=***")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aWrongH2PasswordIsReportedWithoutIt() throws Exception {
        TestDatabase h2 = TestDatabase.h2();
        StoreSettings right = h2.settings(temp, 1);
        Pools.open(right, h2.driver()).close(); // creates the database with user sa, no password
        StoreSettings wrong = StoreSettings.from(new TestConfig("", "sa", SECRET, 1), Map.of(), temp);

        assertThatThrownBy(() -> Pools.open(wrong, h2.driver()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect to the database at 'jdbc:h2:file:")
                .hasMessageContaining("Wrong user name or password")
                .hasMessageNotContaining(SECRET);
        assertThat(wrong.engine()).isEqualTo(Engine.H2);
    }
}
