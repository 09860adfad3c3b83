package io.portcullis.policy.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

class ServiceVisibilityTest {

    private final Bundle vault = Fakes.bundle(3, "file:/srv/p/bundle/io.portcullis.vault.jar");
    private final Bundle web = Fakes.bundle(4, "file:/srv/p/bundle/io.portcullis.web.jar");
    private final Bundle withScope = Fakes.bundle(20, "file:/srv/p/deploy/a.jar");
    private final Bundle withoutScope = Fakes.bundle(21, "file:/srv/p/deploy/b.jar");
    private final Bundle ungranted = Fakes.bundle(22, "file:/srv/p/deploy/c.jar");
    private final Grants grants = new Grants();
    private final ServiceVisibility visibility =
            new ServiceVisibility(new Classifier("/srv/p/bundle", "/srv/p/deploy"), grants);

    private final ServiceReference<?> scoped = Fakes.service(vault, Map.of(ServiceVisibility.SCOPE, "vault.use"));
    private final ServiceReference<?> internal = Fakes.service(vault, Map.of());
    private final ServiceReference<?> pluginTool =
            Fakes.service(withoutScope, Map.of(Constants.OBJECTCLASS, new String[] {"io.portcullis.spi.tools.Tool"}));
    private final ServiceReference<?> pluginRedactor = Fakes.service(
            withoutScope,
            Map.of(
                    Constants.OBJECTCLASS,
                    new String[] {"java.util.function.UnaryOperator"},
                    "portcullis.role",
                    "redactor",
                    Constants.SERVICE_RANKING,
                    Integer.MAX_VALUE));
    private final ServiceReference<?> pluginToolAndHealthCheck =
            Fakes.service(withoutScope, Map.of(Constants.OBJECTCLASS, new String[] {
                "io.portcullis.spi.tools.Tool", "io.portcullis.store.health.HealthCheck"
            }));

    ServiceVisibilityTest() {
        grants.put(20, Set.of("vault.use"));
        grants.put(21, Set.of("net.egress"));
    }

    @Test
    void aScopedCoreServiceIsVisibleOnlyToPluginsGrantedThatScope() {
        assertThat(visibility.visible(withScope, scoped)).isTrue();
        assertThat(visibility.visible(withoutScope, scoped)).isFalse();
        assertThat(visibility.visible(ungranted, scoped)).isFalse();
    }

    @Test
    void coreInternalServicesAreInvisibleToEveryPlugin() {
        assertThat(visibility.visible(withScope, internal)).isFalse();
        assertThat(visibility.visible(withoutScope, internal)).isFalse();
    }

    @Test
    void aPluginSeesItsOwnServicesButNotAnotherPlugins() {
        assertThat(visibility.visible(withoutScope, pluginTool)).isTrue();
        assertThat(visibility.visible(withScope, pluginTool)).isFalse();
    }

    @Test
    void theCoreSeesEveryCoreServiceAndThePluginsSdkServices() {
        assertThat(visibility.visible(web, scoped)).isTrue();
        assertThat(visibility.visible(web, internal)).isTrue();
        assertThat(visibility.visible(web, pluginTool)).isTrue();
    }

    @Test
    void noPluginTakesACoreRoleFromTheCore() {
        assertThat(visibility.visible(web, pluginRedactor)).isFalse();
        assertThat(visibility.visible(vault, pluginToolAndHealthCheck)).isFalse();
        // The plugin still sees its own registrations.
        assertThat(visibility.visible(withoutScope, pluginRedactor)).isTrue();
    }

    @Test
    void revokingTheGrantHidesTheScopedServiceAgain() {
        grants.remove(20);
        assertThat(visibility.visible(withScope, scoped)).isFalse();
    }
}
