package io.portcullis.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken HTTP port stops the launcher before it writes anything, with one line naming what to change. */
class PortCheckTest {

    @TempDir
    Path home;

    private ServerSocket occupied;

    @BeforeEach
    void occupyAPort() throws Exception {
        Files.createDirectories(home.resolve("bundle"));
        occupied = new ServerSocket();
        occupied.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void release() throws Exception {
        occupied.close();
    }

    @Test
    void aTakenPortFromTheEnvironmentFailsTheStartAndTheNewDataFolderIsNotCreated() throws Exception {
        Path data = home.resolve("new-data");
        Map<String, String> env =
                Map.of("PORTCULLIS_DATA", data.toString(), "PORTCULLIS_HTTP_PORT", "" + occupied.getLocalPort());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = withStandardError(err, () -> Main.run(new String[0], home, env));

        assertThat(status).isEqualTo(Main.EXIT_STARTUP_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("portcullis: web: port "
                        + occupied.getLocalPort()
                        + " on 127.0.0.1 is already in use; set PORTCULLIS_HTTP_PORT or port in"
                        + " config/io.portcullis.web.cfg");
        assertThat(data).doesNotExist();
    }

    @Test
    void aTakenPortFromTheConfigurationFileLeavesAnExistingDataFolderAsItWas() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("config"));
        Files.writeString(
                home.resolve("config/io.portcullis.web.cfg"),
                "host = 127.0.0.1\nport = " + occupied.getLocalPort() + "\n");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = withStandardError(err, () -> Main.run(new String[0], home, Map.of()));

        assertThat(status).isEqualTo(Main.EXIT_STARTUP_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("port " + occupied.getLocalPort())
                .contains("PORTCULLIS_HTTP_PORT");
        try (var entries = Files.list(data)) {
            assertThat(entries).isEmpty();
        }
        assertThat(home.resolve("deploy")).doesNotExist();
    }

    @Test
    void theEnvironmentWinsOverTheFileAndAFreePortPasses() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/io.portcullis.web.cfg"), "port = " + occupied.getLocalPort() + "\n");
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }

        assertThatCode(() -> PortCheck.requireFree(home.resolve("config"), Map.of("PORTCULLIS_HTTP_PORT", "" + free)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PortCheck.requireFree(home.resolve("config"), Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("port " + occupied.getLocalPort() + " on 127.0.0.1 is already in use");
    }

    @Test
    void valuesTheWebBundleRefusesAreLeftToIt() {
        for (String port : new String[] {"0", "abc", "70000"}) {
            assertThatCode(() -> PortCheck.requireFree(home.resolve("config"), Map.of("PORTCULLIS_HTTP_PORT", port)))
                    .doesNotThrowAnyException();
        }
    }

    private static int withStandardError(ByteArrayOutputStream sink, java.util.function.IntSupplier run) {
        PrintStream previous = System.err;
        System.setErr(new PrintStream(sink, true, StandardCharsets.UTF_8));
        try {
            return run.getAsInt();
        } finally {
            System.setErr(previous);
        }
    }
}
