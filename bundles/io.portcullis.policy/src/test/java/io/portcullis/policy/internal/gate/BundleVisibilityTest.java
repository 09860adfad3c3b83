package io.portcullis.policy.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class BundleVisibilityTest {

    private final BundleVisibility visibility = new BundleVisibility(new Classifier("/srv/p/bundle", "/srv/p/deploy"));
    private final Bundle system = Fakes.bundle(0, "System Bundle");
    private final Bundle vault = Fakes.bundle(3, "file:/srv/p/bundle/io.portcullis.vault.jar");
    private final Bundle plugin = Fakes.bundle(20, "file:/srv/p/deploy/a.jar");
    private final Bundle other = Fakes.bundle(21, "file:/srv/p/deploy/b.jar");

    @Test
    void aPluginSeesItselfAndTheSystemBundleOnly() {
        assertThat(visibility.visible(plugin, plugin)).isTrue();
        assertThat(visibility.visible(plugin, system)).isTrue();
        assertThat(visibility.visible(plugin, vault)).isFalse();
        assertThat(visibility.visible(plugin, other)).isFalse();
    }

    @Test
    void theCoreSeesEveryBundle() {
        assertThat(visibility.visible(vault, plugin)).isTrue();
        assertThat(visibility.visible(vault, other)).isTrue();
        assertThat(visibility.visible(system, vault)).isTrue();
    }
}
