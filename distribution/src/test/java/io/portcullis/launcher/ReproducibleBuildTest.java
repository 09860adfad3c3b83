package io.portcullis.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds the SPI bundle and the {@code http.fetch} plugin with Maven into {@code target/rebuild/} and
 * compares the jars byte for byte with the ones this build made in {@code target/}. A grant names one exact
 * jar (its SHA-256), so a plugin whose rebuild changes a single byte falls back to pending and vanishes from
 * every workspace. The rebuild runs the same plugins as the build (javac, bnd, the jar plugin), minutes later,
 * so any time, path or ordering that leaks into a jar shows up here.
 */
class ReproducibleBuildTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("portcullis.version", "0.1.0-SNAPSHOT");
    private static final List<String> MODULES = List.of(
            "bundles/io.portcullis.spi",
            "plugins/io.portcullis.tool.http",
            "plugins/io.portcullis.model.openai",
            "plugins/io.portcullis.model.anthropic");

    @Test
    void theSpiBundleAndTheHttpPluginRebuildToTheSameBytes() throws Exception {
        Path maven = maven();
        List<Path> first = new ArrayList<>();
        for (String module : MODULES) {
            first.add(jar(module, "target"));
        }
        if (!first.stream().allMatch(Files::isRegularFile)) {
            // Run alone (-pl distribution), without the reactor's jars: build them once more to compare with.
            build(maven, "target/rebuild-first");
            first = MODULES.stream()
                    .map(module -> jar(module, "target/rebuild-first"))
                    .toList();
        }

        build(maven, "target/rebuild");

        for (int i = 0; i < MODULES.size(); i++) {
            Path again = jar(MODULES.get(i), "target/rebuild");
            assertThat(sha256(again))
                    .as("SHA-256 of %s against %s", again, first.get(i))
                    .isEqualTo(sha256(first.get(i)));
        }
    }

    private static Path jar(String module, String folder) {
        String name = module.substring(module.lastIndexOf('/') + 1);
        return ROOT.resolve(module).resolve(folder).resolve(name + "-" + VERSION + ".jar");
    }

    /** Builds the modules and what they need, into {@code folder} of each module instead of {@code target}. */
    private static void build(Path maven, String folder) throws IOException, InterruptedException {
        // Offline: the build running this test has already resolved every plugin and library these modules use.
        List<String> command = List.of(
                maven.toString(),
                "-B",
                "-q",
                "-o",
                "-f",
                ROOT.resolve("pom.xml").toString(),
                "-pl",
                String.join(",", MODULES),
                "-am",
                "package",
                "-Dportcullis.build.folder=" + folder,
                "-Dmaven.test.skip=true",
                "-Denforcer.skip=true",
                "-Dbnd.baseline.skip=true");
        Process process = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Path maven() {
        String home = System.getProperty("maven.home", "");
        assumeTrue(!home.isEmpty(), "needs maven.home (set by the pom when Maven runs the tests)");
        Path maven = Path.of(home, "bin", "mvn");
        assumeTrue(Files.isExecutable(maven), "needs " + maven);
        return maven;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
