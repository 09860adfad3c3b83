package io.portcullis.policy.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleCapability;

class ScopeResolverHookTest {

    private static final String SCOPE = ScopeResolverHook.SCOPE_NAMESPACE;
    private static final String PACKAGE = "osgi.wiring.package";

    private final Bundle system = Fakes.bundle(0, "System Bundle");
    private final Bundle policy = Fakes.bundle(2, "file:/srv/p/bundle/io.portcullis.policy.jar");
    private final Bundle web = Fakes.bundle(3, "file:/srv/p/bundle/io.portcullis.web.jar");
    private final Bundle spi = Fakes.bundle(4, "file:/srv/p/bundle/io.portcullis.spi.jar");
    private final Bundle granted = Fakes.bundle(20, "file:/srv/p/deploy/granted.jar");
    private final Bundle pending = Fakes.bundle(21, "file:/srv/p/deploy/pending.jar");
    private final Grants grants = new Grants();
    private final ScopeResolverHook hook =
            new ScopeResolverHook(new Classifier("/srv/p/bundle", "/srv/p/deploy"), grants, 2);

    ScopeResolverHookTest() {
        grants.put(20, Set.of("net.egress"));
    }

    private Collection<BundleCapability> filter(Bundle requirer, String namespace, BundleCapability... candidates) {
        Collection<BundleCapability> list = Fakes.mutable(List.of(candidates));
        hook.filterMatches(Fakes.requirement(requirer, namespace), list);
        return list;
    }

    private static BundleCapability scope(Bundle provider, String name) {
        return Fakes.capability(provider, SCOPE, Map.of(SCOPE, name));
    }

    private static BundleCapability pkg(Bundle provider, String name) {
        return Fakes.capability(provider, PACKAGE, Map.of(PACKAGE, name));
    }

    @Test
    void aPluginWithoutAGrantGetsNoCandidateAtAll() {
        assertThat(filter(pending, SCOPE, scope(policy, "net.egress"))).isEmpty();
        assertThat(filter(pending, PACKAGE, pkg(spi, "io.portcullis.spi"), pkg(system, "java.util.logging")))
                .isEmpty();
        assertThat(filter(pending, "osgi.ee", Fakes.capability(system, "osgi.ee", Map.of())))
                .isEmpty();
    }

    @Test
    void aGrantedPluginGetsItsGrantedScopesFromThePolicyBundleOnly() {
        BundleCapability egress = scope(policy, "net.egress");
        assertThat(filter(granted, SCOPE, egress)).containsExactly(egress);
        assertThat(filter(granted, SCOPE, scope(policy, "vault.use"))).isEmpty();
        assertThat(filter(granted, SCOPE, scope(pending, "net.egress"), scope(web, "net.egress")))
                .isEmpty();
    }

    @Test
    void aGrantedPluginImportsTheSpiAndTheJdkButNotOtherCorePackagesOrPlugins() {
        BundleCapability spiPackage = pkg(spi, "io.portcullis.spi");
        BundleCapability jdk = pkg(system, "javax.net.ssl");
        assertThat(filter(granted, PACKAGE, spiPackage, jdk)).containsExactly(spiPackage, jdk);
        assertThat(filter(granted, PACKAGE, pkg(web, "io.portcullis.web"))).isEmpty();
        assertThat(filter(granted, PACKAGE, pkg(system, "org.osgi.framework.hooks.weaving")))
                .isEmpty();
        assertThat(filter(granted, PACKAGE, pkg(pending, "io.portcullis.spi"))).isEmpty();
        BundleCapability own = pkg(granted, "com.example.own");
        assertThat(filter(granted, PACKAGE, own)).containsExactly(own);
    }

    @Test
    void pluginsGetNoFragmentHostAndNoRequiredBundle() {
        assertThat(filter(granted, "osgi.wiring.host", Fakes.capability(web, "osgi.wiring.host", Map.of())))
                .isEmpty();
        assertThat(filter(granted, "osgi.wiring.bundle", Fakes.capability(spi, "osgi.wiring.bundle", Map.of())))
                .isEmpty();
        BundleCapability extender = Fakes.capability(web, "osgi.extender", Map.of());
        assertThat(filter(granted, "osgi.extender", extender)).containsExactly(extender);
    }

    @Test
    void theCoreNeverWiresToAPluginEvenAGrantedOne() {
        BundleCapability fromCore = pkg(spi, "com.fasterxml.jackson.databind");
        assertThat(filter(web, PACKAGE, pkg(granted, "com.fasterxml.jackson.databind"), fromCore))
                .containsExactly(fromCore);
    }

    @Test
    void aSingletonCoreBundleIsNotBlockedByAPluginOfTheSameName() {
        BundleCapability core = Fakes.capability(web, "osgi.identity", Map.of());
        BundleCapability impostor = Fakes.capability(pending, "osgi.identity", Map.of());
        Collection<BundleCapability> collisions = Fakes.mutable(List.of(impostor));

        hook.filterSingletonCollisions(core, collisions);

        assertThat(collisions).isEmpty();
    }

    @Test
    void aFailureInsideTheHookDeniesRatherThanAllows() {
        Bundle broken = Fakes.bundle(30, null); // getLocation() answers null: the classifier throws
        assertThat(filter(broken, PACKAGE, pkg(spi, "io.portcullis.spi"))).isEmpty();
    }
}
