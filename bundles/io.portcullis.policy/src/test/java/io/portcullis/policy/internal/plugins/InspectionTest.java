package io.portcullis.policy.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.policy.internal.scan.Finding;
import io.portcullis.policy.internal.scan.ScanReport;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

class InspectionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    /** The real catalogue: net.teleport is unknown, net.raw is not grantable here. */
    private static final ScopeCatalogue RULES = new ScopeCatalogue(Set.of());

    private final Inspection inspection = new Inspection(RULES, () -> Set.of("io.portcullis.audit"));
    private static final ScanReport CLEAN = new ScanReport(List.of(), 3);

    @Test
    void aWellFormedPluginIsPendingWithItsRequestedScopes() {
        PluginRecord plugin = inspect(
                "com.example.tool",
                "tool",
                CLEAN,
                "(io.portcullis.scope=net.egress)",
                "(io.portcullis.scope=vault.use)");

        assertThat(plugin.status()).isEqualTo(PluginStatus.PENDING);
        assertThat(plugin.requestedScopes()).containsExactlyInAnyOrder("net.egress", "vault.use");
        assertThat(plugin.kind()).isEqualTo("tool");
        assertThat(plugin.reasons()).isEmpty();
        assertThat(plugin.version()).isEqualTo("1.2.3");
    }

    @Test
    void aMissingOrUnknownKindIsRejected() {
        assertThat(inspect("com.example.tool", null, CLEAN).reasons())
                .singleElement()
                .asString()
                .contains("Portcullis-Plugin");
        PluginRecord odd = inspect("com.example.tool", "daemon", CLEAN);
        assertThat(odd.status()).isEqualTo(PluginStatus.REJECTED);
        assertThat(odd.kind()).isEmpty();
    }

    @Test
    void unknownUngrantableAndMalformedScopesAreRejected() {
        PluginRecord plugin = inspect(
                "com.example.tool",
                "tool",
                CLEAN,
                "(io.portcullis.scope=net.teleport)",
                "(io.portcullis.scope=net.raw)",
                "(|(io.portcullis.scope=net.egress)(io.portcullis.scope=vault.use))");

        assertThat(plugin.status()).isEqualTo(PluginStatus.REJECTED);
        assertThat(String.join("\n", plugin.reasons()))
                .contains("Unknown scope 'net.teleport'")
                .contains("Scope 'net.raw' cannot be granted")
                .contains("must have the filter");
    }

    @Test
    void aCoreBundlesNameIsRejected() {
        PluginRecord plugin = inspect("io.portcullis.audit", "tool", CLEAN);
        assertThat(plugin.status()).isEqualTo(PluginStatus.REJECTED);
        assertThat(plugin.reasons()).singleElement().asString().contains("core bundle");
    }

    @Test
    void nativeCodeIsRejected() {
        PluginRecord plugin = inspect("com.example.tool", "tool", CLEAN, Map.of("Bundle-NativeCode", "lib/x.so"));

        assertThat(plugin.status()).isEqualTo(PluginStatus.REJECTED);
        assertThat(plugin.reasons()).singleElement().asString().contains("Bundle-NativeCode");
        assertThat(inspect("com.example.tool", "tool", CLEAN, Map.of("Bundle-Vendor", "x"))
                        .status())
                .isEqualTo(PluginStatus.PENDING);
    }

    @Test
    void scanFindingsRejectUnlessDeclaredAndGrantable() {
        Finding egress =
                new Finding("", "com.example.Tool", "run()V", "io.example.Egress.send", "egress", "net.egress");
        Finding env = new Finding("lib/x.jar", "x.Y", "z()V", "java.lang.System.getenv", "environment", null);
        ScanReport report = new ScanReport(List.of(egress, env), 5);

        PluginRecord undeclared = inspect("com.example.tool", "tool", new ScanReport(List.of(egress), 5));
        assertThat(undeclared.status()).isEqualTo(PluginStatus.REJECTED);
        assertThat(undeclared.reasons())
                .singleElement()
                .asString()
                .contains("Undeclared")
                .contains("net.egress");

        PluginRecord declared = inspect(
                "com.example.tool", "tool", new ScanReport(List.of(egress), 5), "(io.portcullis.scope=net.egress)");
        assertThat(declared.status()).isEqualTo(PluginStatus.PENDING);
        assertThat(declared.findings()).containsExactly(egress);

        PluginRecord never = inspect("com.example.tool", "tool", report, "(io.portcullis.scope=net.egress)");
        assertThat(never.status()).isEqualTo(PluginStatus.REJECTED);
        assertThat(never.reasons())
                .singleElement()
                .asString()
                .contains("Never grantable")
                .contains("System.getenv");
    }

    @Test
    void aScopeOfAFeatureThatDoesNotExistYetRejectsThePluginSayingWhy() {
        Finding file =
                new Finding("", "com.example.Tool", "run()V", "java.nio.file.Files.readString", "file", "fs.workspace");

        PluginRecord plugin = inspect(
                "com.example.tool",
                "tool",
                new ScanReport(List.of(file), 5),
                "(io.portcullis.scope=fs.workspace)",
                "(io.portcullis.scope=net.egress)");

        assertThat(plugin.status()).isEqualTo(PluginStatus.REJECTED);
        assertThat(plugin.reasons())
                .singleElement()
                .asString()
                .startsWith("Scope 'fs.workspace' is not available on this server yet (Planned: ")
                .endsWith("); no grant can allow it.");
    }

    private PluginRecord inspect(String name, String kind, ScanReport scan, String... scopeFilters) {
        return inspect(name, kind, scan, Map.of(), scopeFilters);
    }

    private PluginRecord inspect(
            String name, String kind, ScanReport scan, Map<String, String> moreHeaders, String... scopeFilters) {
        List<BundleRequirement> requirements = java.util.Arrays.stream(scopeFilters)
                .map(filter -> proxy(BundleRequirement.class, Map.of("getDirectives", Map.of("filter", filter))))
                .toList();
        BundleRevision revision = proxy(BundleRevision.class, Map.of("getDeclaredRequirements", requirements));
        Dictionary<String, String> headers = new Hashtable<>();
        if (kind != null) {
            headers.put("Portcullis-Plugin", kind);
        }
        moreHeaders.forEach(headers::put);
        Bundle bundle = proxy(
                Bundle.class,
                Map.of(
                        "adapt",
                        revision,
                        "getHeaders",
                        headers,
                        "getSymbolicName",
                        name,
                        "getVersion",
                        new Version(1, 2, 3),
                        "getLocation",
                        "file:/srv/p/deploy/x.jar"));
        return inspection.inspect(bundle, "a".repeat(64), "deploy", scan, NOW);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(
                InspectionTest.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }
}
