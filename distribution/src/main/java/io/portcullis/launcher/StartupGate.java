package io.portcullis.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Holds plugins back from the first resolve on, before the policy bundle can: registered on the system
 * bundle between the framework's {@code init()} and {@code start()}, so it sees every resolve. A
 * bundle outside the core folder gets no candidate for any requirement while no gate (a service with
 * {@code portcullis.role=gate}, the policy bundle's resolver hook) is registered; once it is, the
 * policy decides. Always, a core bundle never wires to a bundle outside the core folder, so a plugin
 * exporting a package under a core package's name cannot slip into the core at start-up. The policy
 * bundle refines this (by origin, grants and persisted records); this hook only ever removes more.
 */
final class StartupGate implements ResolverHookFactory {

    private final Path coreFolder;
    private final BooleanSupplier policyGateUp;

    StartupGate(Path coreFolder, BooleanSupplier policyGateUp) {
        this.coreFolder = coreFolder.toAbsolutePath().normalize();
        this.policyGateUp = policyGateUp;
    }

    static void register(BundleContext system, Path coreFolder) {
        ServiceTracker<Object, Object> gates = new ServiceTracker<>(system, filter(system), null);
        gates.open(true);
        system.registerService(ResolverHookFactory.class, new StartupGate(coreFolder, () -> !gates.isEmpty()), null);
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        boolean gateUp = policyGateUp.getAsBoolean();
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {}

            @Override
            public void filterSingletonCollisions(
                    BundleCapability singleton, Collection<BundleCapability> collisions) {}

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                if (isCore(requirement.getRevision().getBundle())) {
                    candidates.removeIf(c -> !isCore(c.getRevision().getBundle()));
                } else if (!gateUp) {
                    candidates.clear();
                }
            }

            @Override
            public void end() {}
        };
    }

    private boolean isCore(Bundle bundle) {
        if (bundle.getBundleId() == 0) {
            return true;
        }
        try {
            return Path.of(URI.create(bundle.getLocation()))
                    .toAbsolutePath()
                    .normalize()
                    .startsWith(coreFolder);
        } catch (RuntimeException e) {
            return false; // not a file location: installed from elsewhere, so not core
        }
    }

    private static org.osgi.framework.Filter filter(BundleContext system) {
        try {
            return system.createFilter("(portcullis.role=gate)");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
