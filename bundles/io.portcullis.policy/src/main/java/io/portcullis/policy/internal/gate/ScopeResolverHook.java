package io.portcullis.policy.internal.gate;

import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolve gate. A plugin without a live grant gets no candidate for any requirement, so it stays
 * unresolved and none of its code can load. A granted plugin gets scope capabilities only from the
 * policy bundle and only for its granted scopes, packages of the core only where {@link PluginImports}
 * allows, nothing from other plugins, and no fragment host or required bundle. A core bundle never
 * wires to a plugin: a plugin exporting a package under a core package's name cannot slip into the core.
 *
 * <p>Works in {@code filterMatches} only (STACK.md: trimming {@code filterResolvable} breaks Felix).
 * An exception here would make Felix log it and carry on: every failure denies instead.
 */
final class ScopeResolverHook implements ResolverHook {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeResolverHook.class);
    static final String SCOPE_NAMESPACE = "io.portcullis.scope";

    private final Classifier classifier;
    private final Grants grants;
    private final long policyBundleId;

    ScopeResolverHook(Classifier classifier, Grants grants, long policyBundleId) {
        this.classifier = classifier;
        this.grants = grants;
        this.policyBundleId = policyBundleId;
    }

    @Override
    public void filterResolvable(Collection<BundleRevision> candidates) {}

    @Override
    public void end() {}

    @Override
    public void filterSingletonCollisions(
            BundleCapability singleton, Collection<BundleCapability> collisionCandidates) {
        // A plugin reusing a core bundle's symbolic name must not keep the core bundle from resolving.
        try {
            if (classifier.isCore(singleton.getRevision().getBundle())) {
                collisionCandidates.removeIf(
                        c -> classifier.isPlugin(c.getRevision().getBundle()));
            }
        } catch (RuntimeException e) {
            LOG.error("Resolve gate failed on a singleton collision; leaving it to the framework", e);
        }
    }

    @Override
    public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
        try {
            Bundle requirer = requirement.getRevision().getBundle();
            if (classifier.isCore(requirer)) {
                candidates.removeIf(c -> classifier.isPlugin(c.getRevision().getBundle()));
                return;
            }
            @Nullable Set<String> scopes = grants.of(requirer.getBundleId());
            if (scopes == null) {
                candidates.clear();
                return;
            }
            filterForGrantedPlugin(requirer, scopes, requirement, candidates);
        } catch (RuntimeException e) {
            LOG.error("Resolve gate failed; denying every candidate for {}", requirement, e);
            candidates.clear();
        }
    }

    private void filterForGrantedPlugin(
            Bundle requirer,
            Set<String> scopes,
            BundleRequirement requirement,
            Collection<BundleCapability> candidates) {
        String namespace = requirement.getNamespace();
        if (HostNamespace.HOST_NAMESPACE.equals(namespace) || "osgi.wiring.bundle".equals(namespace)) {
            candidates.clear(); // no fragments of plugins, no Require-Bundle: both would bypass the package rules
            return;
        }
        for (Iterator<BundleCapability> it = candidates.iterator(); it.hasNext(); ) {
            BundleCapability capability = it.next();
            if (!allowed(requirer, scopes, namespace, capability)) {
                it.remove();
            }
        }
    }

    private boolean allowed(Bundle requirer, Set<String> scopes, String namespace, BundleCapability capability) {
        Bundle provider = capability.getRevision().getBundle();
        if (SCOPE_NAMESPACE.equals(namespace)) {
            return provider.getBundleId() == policyBundleId
                    && scopes.contains(String.valueOf(capability.getAttributes().get(SCOPE_NAMESPACE)));
        }
        if (provider.getBundleId() == requirer.getBundleId()) {
            return true; // its own exports
        }
        if (classifier.isPlugin(provider)) {
            return false;
        }
        if (PackageNamespace.PACKAGE_NAMESPACE.equals(namespace)) {
            String packageName = String.valueOf(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE));
            return PluginImports.allowed(packageName, provider.getBundleId() == 0);
        }
        return true; // osgi.ee, osgi.extender (DS), osgi.service and the like from the core
    }
}
