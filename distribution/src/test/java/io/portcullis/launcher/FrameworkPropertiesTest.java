package io.portcullis.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameworkPropertiesTest {

    private final Layout layout = new Layout(
            Path.of("/srv/p"),
            Path.of("/srv/p/bundle"),
            Path.of("/srv/p/deploy"),
            Path.of("/srv/p/config"),
            Path.of("/srv/p/data"));

    private final Map<String, String> properties = FrameworkProperties.of(layout);

    @Test
    void configIsWatchedForConfigurationOnlyNeverForBundles() {
        assertThat(properties.get("felix.fileinstall.dir")).isEqualTo("/srv/p/config");
        assertThat("x.cfg").matches(properties.get("felix.fileinstall.filter"));
        assertThat("x.jar").doesNotMatch(properties.get("felix.fileinstall.filter"));
        // The policy bundle watches deploy/ and classifies bundles by the core folder.
        assertThat(properties.get("portcullis.deploy")).isEqualTo("/srv/p/deploy");
        assertThat(properties.get("portcullis.core.dir")).isEqualTo("/srv/p/bundle");
        assertThat(properties.get("felix.fileinstall.enableConfigSave")).isEqualTo("false");
    }

    @Test
    void bundlesSeeLoggingAndNothingElseOfTheLauncher() {
        assertThat(properties.get("org.osgi.framework.system.packages.extra"))
                .contains("org.slf4j;version=2.0.17", "org.slf4j;version=1.7.36")
                .doesNotContain("ch.qos.logback", "io.portcullis");
        assertThat(properties.get("org.osgi.framework.bootdelegation")).doesNotContain("sun.", "com.sun.");
    }

    @Test
    void theDataFolderHoldsTheFrameworkCacheAndIsPublishedToBundles() {
        assertThat(properties.get("org.osgi.framework.storage")).isEqualTo("/srv/p/data/felix-cache");
        assertThat(properties.get("portcullis.data")).isEqualTo("/srv/p/data");
    }
}
