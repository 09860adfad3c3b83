package io.portcullis.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

class StartupGateTest {

    private final AtomicBoolean policyUp = new AtomicBoolean(false);
    private final StartupGate gate = new StartupGate(Path.of("/srv/p/bundle"), policyUp::get);

    private final Bundle system = bundle(0, "System Bundle");
    private final Bundle web = bundle(3, "file:/srv/p/bundle/io.portcullis.web.jar");
    private final Bundle plugin = bundle(20, "file:/srv/p/deploy/tool.jar");
    private final Bundle sneaky = bundle(21, "file:/srv/p/bundle/../deploy/tool.jar");
    private final Bundle uploaded = bundle(22, "portcullis:upload:io.portcullis.web");

    @Test
    void beforeThePolicyIsUpAPluginGetsNothing() {
        ResolverHook hook = gate.begin(List.of());

        assertThat(filter(hook, plugin, capability(system), capability(web))).isEmpty();
        assertThat(filter(hook, sneaky, capability(system))).isEmpty();
        assertThat(filter(hook, uploaded, capability(system))).isEmpty();
    }

    @Test
    void onceThePolicyIsUpItDecidesForPlugins() {
        policyUp.set(true);
        ResolverHook hook = gate.begin(List.of());

        assertThat(filter(hook, plugin, capability(system), capability(web))).hasSize(2);
    }

    @Test
    void theCoreNeverWiresToABundleOutsideTheCoreFolder() {
        for (boolean up : new boolean[] {false, true}) {
            policyUp.set(up);
            ResolverHook hook = gate.begin(List.of());
            BundleCapability fromCore = capability(system);
            assertThat(filter(hook, web, capability(plugin), fromCore, capability(sneaky), capability(uploaded)))
                    .containsExactly(fromCore);
        }
    }

    private static Collection<BundleCapability> filter(
            ResolverHook hook, Bundle requirer, BundleCapability... candidates) {
        Collection<BundleCapability> list = new ArrayList<>(List.of(candidates));
        BundleRevision revision = revision(requirer);
        hook.filterMatches(proxy(BundleRequirement.class, name -> name.equals("getRevision") ? revision : null), list);
        return list;
    }

    private static BundleCapability capability(Bundle provider) {
        BundleRevision revision = revision(provider);
        return proxy(BundleCapability.class, name -> name.equals("getRevision") ? revision : null);
    }

    private static BundleRevision revision(Bundle bundle) {
        return proxy(BundleRevision.class, name -> name.equals("getBundle") ? bundle : null);
    }

    private static Bundle bundle(long id, String location) {
        return proxy(Bundle.class, name -> switch (name) {
            case "getBundleId" -> id;
            case "getLocation" -> location;
            default -> null;
        });
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(
                StartupGateTest.class.getClassLoader(),
                new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    case "toString" -> type.getSimpleName();
                    default -> answer.answer(method.getName());
                });
    }
}
