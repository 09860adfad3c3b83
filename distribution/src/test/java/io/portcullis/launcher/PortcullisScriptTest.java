package io.portcullis.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./portcullis} script at the repository root, run in a copy of the checkout's layout
 * with a fake {@code mvn} on the PATH: it rebuilds when a source changed, never because a build
 * rewrote a {@code target/} folder. Times are set explicitly, so nothing depends on the clock.
 */
class PortcullisScriptTest {

    private static final FileTime LONG_AGO = FileTime.fromMillis(946_684_800_000L); // 2000-01-01
    private static final FileTime BUILT = FileTime.fromMillis(1_600_000_000_000L);
    private static final FileTime LATER = FileTime.fromMillis(1_700_000_000_000L);

    @TempDir
    Path checkout;

    private Path built;
    private Path ran;

    @BeforeEach
    void layOut() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Files.copy(Path.of("../portcullis"), checkout.resolve("portcullis"));
        write("pom.xml", "<project/>");
        write("bundles/io.portcullis.web/src/main/java/A.java", "class A {}");
        Files.createDirectories(checkout.resolve("bundles/io.portcullis.web/target/classes"));
        write("plugins/io.portcullis.tool.http/src/main/java/B.java", "class B {}");
        write("config/io.portcullis.web.cfg", "port=8080");
        built = checkout.resolve("built");
        ran = checkout.resolve("ran");
        executable("distribution/target/portcullis/bin/portcullis", "#!/bin/sh\necho ran > '" + ran + "'\n");
        executable(
                "fakebin/mvn",
                "#!/bin/sh\n"
                        + "echo '[INFO] Scanning for projects...'\n"
                        + "echo '[INFO] Building Portcullis web 0.1.0-SNAPSHOT                 [1/2]'\n"
                        + "echo '[INFO] Building jar: web.jar'\n"
                        + "echo built > '" + built + "'\n");
        write("distribution/target/.built", "");
        try (var paths = Files.walk(checkout)) {
            for (Path path : paths.toList()) {
                Files.setLastModifiedTime(path, LONG_AGO);
            }
        }
        Files.setLastModifiedTime(checkout.resolve("distribution/target/.built"), BUILT);
    }

    @Test
    void aBuildThatOnlyRewroteTargetFoldersDoesNotRebuild() throws Exception {
        touch("bundles/io.portcullis.web/target");
        touch("bundles/io.portcullis.web/target/classes");
        touch("bundles/io.portcullis.web"); // its time changes when "mvn clean" recreates target/
        touch("distribution/target");

        String output = run();

        assertThat(built).doesNotExist();
        assertThat(ran).exists();
        assertThat(output).doesNotContain("Building");
    }

    @Test
    void aChangedSourceRebuildsShowingOneLinePerModule() throws Exception {
        touch("bundles/io.portcullis.web/src/main/java/A.java");

        String output = run();

        assertThat(built).exists();
        assertThat(ran).exists();
        assertThat(output)
                .contains("[INFO] Building Portcullis web 0.1.0-SNAPSHOT")
                .doesNotContain("Scanning")
                .doesNotContain("Building jar");
    }

    @Test
    void aChangedPluginOrConfigRebuilds() throws Exception {
        touch("plugins/io.portcullis.tool.http/src/main/java/B.java");
        run();
        assertThat(built).exists();

        Files.delete(built);
        Files.setLastModifiedTime(checkout.resolve("distribution/target/.built"), BUILT); // the build renewed it
        touch("config/io.portcullis.web.cfg");
        run();
        assertThat(built).exists();
    }

    @Test
    void aDeletedSourceRebuilds() throws Exception {
        Path dir = checkout.resolve("bundles/io.portcullis.web/src/main/java");
        Files.delete(dir.resolve("A.java"));
        Files.setLastModifiedTime(dir, LATER);

        run();

        assertThat(built).exists();
    }

    private String run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        List.of("/bin/sh", checkout.resolve("portcullis").toString()))
                .redirectErrorStream(true);
        builder.environment().put("PATH", checkout.resolve("fakebin") + ":" + System.getenv("PATH"));
        builder.environment().put("PORTCULLIS_DATA", checkout.resolve("data").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private void touch(String path) throws IOException {
        Files.setLastModifiedTime(checkout.resolve(path), LATER);
    }

    private void write(String path, String content) throws IOException {
        Path file = checkout.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void executable(String path, String content) throws IOException {
        write(path, content);
        checkout.resolve(path).toFile().setExecutable(true);
    }
}
