package io.portcullis.policy.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
