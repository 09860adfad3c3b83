package io.portcullis.policy.internal.plugins;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * A framework without a framework: bundles made from the jar's manifest (symbolic name, version,
 * {@code Portcullis-Plugin}, and the scopes it requests in a test header {@code X-Test-Scopes}),
 * which remember whether they were started.
 */
final class FakeBundles extends PluginBundles {

    private static final AtomicLong IDS = new AtomicLong(100);

    final Map<String, Bundle> byLocation = new ConcurrentHashMap<>();
    final Map<Long, AtomicInteger> states = new ConcurrentHashMap<>();
    final List<Long> everStarted = new ArrayList<>();

    FakeBundles() {
        super(null);
    }

    int state(Bundle bundle) {
        return states.get(bundle.getBundleId()).get();
    }

    @Override
    @Nullable Bundle find(String location) {
        return byLocation.get(location);
    }

    @Override
    Bundle install(String location, byte[] jar) {
        Bundle bundle = bundle(IDS.incrementAndGet(), location, jar);
        byLocation.put(location, bundle);
        return bundle;
    }

    @Override
    void update(Bundle bundle, byte[] jar) {
        byLocation.put(bundle.getLocation(), bundle(bundle.getBundleId(), bundle.getLocation(), jar));
    }

    @Override
    void start(Bundle bundle) {
        states.get(bundle.getBundleId()).set(Bundle.ACTIVE);
        everStarted.add(bundle.getBundleId());
    }

    @Override
    void stopAndUnresolve(Bundle bundle) {
        states.get(bundle.getBundleId()).set(Bundle.INSTALLED);
    }

    @Override
    void uninstall(Bundle bundle) {
        byLocation.remove(bundle.getLocation());
        states.get(bundle.getBundleId()).set(Bundle.UNINSTALLED);
    }

    @Override
    void refresh(Bundle bundle) {}

    private Bundle bundle(long id, String location, byte[] jar) {
        Attributes main;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            main = in.getManifest().getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dictionary<String, String> headers = new Hashtable<>();
        main.forEach((key, value) -> headers.put(key.toString(), value.toString()));
        String scopes = main.getValue("X-Test-Scopes");
        List<BundleRequirement> requirements = scopes == null || scopes.isBlank()
                ? List.of()
                : Arrays.stream(scopes.split(","))
                        .map(scope -> proxy(
                                BundleRequirement.class,
                                Map.of("getDirectives", Map.of("filter", "(io.portcullis.scope=" + scope + ")"))))
                        .toList();
        BundleRevision revision = proxy(BundleRevision.class, Map.of("getDeclaredRequirements", requirements));
        AtomicInteger state = states.computeIfAbsent(id, k -> new AtomicInteger(Bundle.INSTALLED));
        state.set(Bundle.INSTALLED);
        Map<String, Object> answers = Map.of(
                "adapt", revision,
                "getHeaders", headers,
                "getSymbolicName", main.getValue("Bundle-SymbolicName"),
                "getVersion", Version.parseVersion(main.getValue("Bundle-Version")),
                "getLocation", location,
                "getBundleId", id);
        return (Bundle) Proxy.newProxyInstance(
                FakeBundles.class.getClassLoader(), new Class<?>[] {Bundle.class}, (self, method, args) -> {
                    if (method.getName().equals("getState")) {
                        return state.get();
                    }
                    if (method.getName().equals("equals")) {
                        return self == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return (int) id;
                    }
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(
                FakeBundles.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }
}
