package io.portcullis.policy.internal.plugins;

import io.portcullis.policy.internal.catalogue.Scope;
import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.policy.internal.scan.Finding;
import io.portcullis.policy.internal.scan.ScanReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Judges an installed, unresolved plugin bundle from its manifest and its scan: the kind header, the
 * scopes it requests, and every reason to reject it. Nothing of the plugin runs while this happens.
 */
final class Inspection {

    static final String SCOPE_NAMESPACE = "io.portcullis.scope";
    private static final Pattern SCOPE_FILTER = Pattern.compile("\\(io\\.portcullis\\.scope=([a-z]+(?:\\.[a-z]+)*)\\)");
    private static final Set<String> KINDS = Set.of("tool", "channel", "model-provider");

    private final ScopeCatalogue scopes;
    private final Supplier<Set<String>> coreSymbolicNames;

    Inspection(ScopeCatalogue scopes, Supplier<Set<String>> coreSymbolicNames) {
        this.scopes = scopes;
        this.coreSymbolicNames = coreSymbolicNames;
    }

    PluginRecord inspect(Bundle bundle, String sha256, String source, ScanReport scan, Instant now) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<String> reasons = new ArrayList<>();
        String kind =
                String.valueOf(bundle.getHeaders("").get("Portcullis-Plugin")).trim();
        if (!KINDS.contains(kind)) {
            reasons.add("No valid Portcullis-Plugin header: it must be tool, channel or model-provider.");
            kind = "";
        }
        if (bundle.getHeaders("").get("Bundle-NativeCode")
                != null) { // the scan refuses it too; the framework's parser decides
            reasons.add("It declares native code (Bundle-NativeCode), which no grant can allow.");
        }
        if (coreSymbolicNames.get().contains(bundle.getSymbolicName())) {
            reasons.add("Its symbolic name '" + bundle.getSymbolicName() + "' is a core bundle's.");
        }
        Set<String> requested = requestedScopes(revision, reasons);
        for (Finding finding : scan.neverGrantable()) {
            reasons.add("Never grantable: " + finding.describe() + ".");
        }
        for (Finding finding : scan.undeclared(requested)) {
            reasons.add(
                    "Undeclared: " + finding.describe() + ", but the plugin does not declare " + finding.scope() + ".");
        }
        PluginStatus status = reasons.isEmpty() ? PluginStatus.PENDING : PluginStatus.REJECTED;
        return new PluginRecord(
                bundle.getSymbolicName(),
                bundle.getVersion().toString(),
                kind,
                sha256,
                bundle.getLocation(),
                source,
                status,
                requested,
                null,
                scan.findings(),
                reasons,
                now,
                now);
    }

    private Set<String> requestedScopes(BundleRevision revision, List<String> reasons) {
        Set<String> requested = new TreeSet<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(SCOPE_NAMESPACE)) {
            String filter = String.valueOf(requirement.getDirectives().get("filter"));
            Matcher matcher = SCOPE_FILTER.matcher(filter);
            if (!matcher.matches()) {
                reasons.add(
                        "A scope requirement must have the filter (io.portcullis.scope=<name>), was " + filter + ".");
                continue;
            }
            String scope = matcher.group(1);
            requested.add(scope);
            if (!scopes.isKnown(scope)) {
                reasons.add("Unknown scope '" + scope + "'.");
            } else if (!scopes.isAvailable(scope)) {
                reasons.add("Scope '" + scope + "' is not available on this server yet ("
                        + scopes.find(scope).map(Scope::note).orElse("") + "); no grant can allow it.");
            } else if (!scopes.isGrantable(scope)) {
                reasons.add("Scope '" + scope + "' cannot be granted on this server.");
            }
        }
        return requested;
    }
}
