package io.portcullis.policy.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTest {

    private final Classifier withFolder = new Classifier("/srv/p/bundle", "/srv/p/deploy");
    private final Classifier embedded = new Classifier(null, "/srv/p/deploy");

    @Test
    void coreIsTheSystemBundleAndJarsOfTheCoreFolder() {
        assertThat(withFolder.isCore(Fakes.bundle(0, "System Bundle"))).isTrue();
        assertThat(withFolder.isCore(Fakes.bundle(5, "file:/srv/p/bundle/io.portcullis.vault.jar")))
                .isTrue();
        assertThat(withFolder.isCore(Fakes.bundle(6, "reference:file:/srv/p/bundle/x.jar")))
                .isTrue();
    }

    @Test
    void everythingElseIsAPluginWhateverItsLocationSpells() {
        assertThat(withFolder.isPlugin(Fakes.bundle(7, "file:/srv/p/deploy/tool.jar")))
                .isTrue();
        assertThat(withFolder.isPlugin(Fakes.bundle(8, "file:/srv/p/bundle/../deploy/tool.jar")))
                .isTrue();
        assertThat(withFolder.isPlugin(Fakes.bundle(9, "file:/srv/p/bundle-evil/tool.jar")))
                .isTrue();
        assertThat(withFolder.isPlugin(Fakes.bundle(10, "portcullis:upload:io.portcullis.vault")))
                .isTrue();
        assertThat(withFolder.isPlugin(Fakes.bundle(11, "http://example.com/x.jar")))
                .isTrue();
        assertThat(withFolder.isPlugin(Fakes.bundle(12, "file:not a uri"))).isTrue();
    }

    @Test
    void aMarkedLocationStaysAPluginEvenInsideTheCoreFolder() {
        String location = "file:/srv/p/bundle/dropped-by-a-plugin.jar";
        assertThat(withFolder.isCore(Fakes.bundle(13, location))).isTrue();

        withFolder.markPlugin(location);

        assertThat(withFolder.isPlugin(Fakes.bundle(13, location))).isTrue();
    }

    @Test
    void withoutACoreFolderTheDeployFolderAndMarkedLocationsArePlugins() {
        assertThat(embedded.isCore(Fakes.bundle(3, "mvn:io.portcullis/io.portcullis.web/0.1.0")))
                .isTrue();
        assertThat(embedded.isCore(Fakes.bundle(4, "file:/build/target/io.portcullis.vault.jar")))
                .isTrue();
        assertThat(embedded.isPlugin(Fakes.bundle(7, "file:/srv/p/deploy/tool.jar")))
                .isTrue();
        assertThat(embedded.isPlugin(Fakes.bundle(12, "file:not a uri"))).isTrue();

        embedded.markPlugin("file:/build/target/plugin.jar");
        assertThat(embedded.isPlugin(Fakes.bundle(14, "file:/build/target/plugin.jar")))
                .isTrue();
        assertThat(embedded.hasCoreFolder()).isFalse();
        assertThat(withFolder.hasCoreFolder()).isTrue();
    }

    @Test
    void aRealCoreJarIsCoreHoweverItsLocationIsSpelt(@TempDir Path root) throws IOException {
        Path core = Files.createDirectories(root.resolve("bundle"));
        Files.createDirectories(root.resolve("deploy"));
        Path jar = Files.write(core.resolve("vault.jar"), new byte[] {1});
        Classifier classifier =
                new Classifier(core.toString(), root.resolve("deploy").toString());

        assertThat(classifier.isCore(Fakes.bundle(5, jar.toUri().toString()))).isTrue();
        assertThat(classifier.isCore(Fakes.bundle(6, "file://" + jar))).isTrue();
        assertThat(classifier.isCore(Fakes.bundle(7, "reference:file:" + jar))).isTrue();
        assertThat(classifier.isCore(Fakes.bundle(8, "file:" + root + "/deploy/../bundle/vault.jar")))
                .isTrue();
    }

    @Test
    void aCoreFolderReachedThroughASymbolicLinkStillHoldsTheCore(@TempDir Path root) throws IOException {
        Path real = Files.createDirectories(root.resolve("real-bundle"));
        Path link = Files.createSymbolicLink(root.resolve("bundle"), real);
        Files.write(real.resolve("vault.jar"), new byte[] {1});
        Classifier classifier = new Classifier(link.toString(), null);

        assertThat(classifier.isCore(Fakes.bundle(5, "file:" + link + "/vault.jar")))
                .isTrue();
        assertThat(classifier.isCore(Fakes.bundle(6, "file:" + real + "/vault.jar")))
                .isTrue();
    }

    @Test
    void aForeignJarDoesNotBecomeCoreThroughASymbolicLinkOrDotDot(@TempDir Path root) throws IOException {
        Path core = Files.createDirectories(root.resolve("bundle"));
        Path deploy = Files.createDirectories(root.resolve("deploy"));
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Path foreign = Files.write(deploy.resolve("evil.jar"), new byte[] {2});
        Files.createSymbolicLink(core.resolve("evil.jar"), foreign);
        // bundle/escape -> elsewhere, so bundle/escape/../x.jar is elsewhere/../x.jar = root/x.jar
        Files.createSymbolicLink(core.resolve("escape"), elsewhere);
        Files.write(root.resolve("x.jar"), new byte[] {3});
        Classifier classifier = new Classifier(core.toString(), deploy.toString());

        assertThat(classifier.isPlugin(Fakes.bundle(5, "file:" + core + "/evil.jar")))
                .isTrue();
        assertThat(classifier.isPlugin(Fakes.bundle(6, "file:///" + core + "/escape/../x.jar")))
                .isTrue();
        assertThat(classifier.isPlugin(Fakes.bundle(7, "file:" + core + "/escape/../missing.jar")))
                .isTrue();
        assertThat(classifier.isPlugin(Fakes.bundle(8, "file:" + core.toString().toUpperCase() + "/evil.jar")))
                .isTrue();
        assertThat(classifier.isPlugin(Fakes.bundle(9, "file://evil.example" + core + "/evil.jar")))
                .isTrue();
    }
}
