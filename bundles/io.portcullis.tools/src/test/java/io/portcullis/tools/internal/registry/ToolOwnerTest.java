package io.portcullis.tools.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.hosts.PluginHosts;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/** Whom a tool service counts for: a host's proxy for its plugin, any other bundle for itself. */
class ToolOwnerTest {

    private static final Bundle HOSTS = bundle(7, "io.portcullis.hosts", "0.1.0");
    private static final Bundle PLUGIN = bundle(41, "com.example.impostor", "2.0.0");

    /** Active plugins by id and by bundle, as the policy's snapshot would say. */
    private final Set<String> activeIds = ConcurrentHashMap.newKeySet();

    private final Map<Long, String> activeBundles = new ConcurrentHashMap<>();

    private final PluginPolicy policy = new PluginPolicy() {
        @Override
        public Decision decide(String pluginId, String workspaceId, Risk risk) {
            return activeIds.contains(pluginId) ? Decision.ALLOW : Decision.PLUGIN_NOT_ACTIVE;
        }

        @Override
        public boolean holds(String pluginId, String scope) {
            return false;
        }

        @Override
        public boolean declares(String pluginId, String scope) {
            return false;
        }

        @Override
        public WorkspacePolicy workspacePolicy(String workspaceId) {
            return WorkspacePolicy.DEFAULT;
        }

        @Override
        public boolean active(String pluginId) {
            return activeIds.contains(pluginId);
        }

        @Override
        public Optional<String> activePlugin(Bundle bundle) {
            return Optional.ofNullable(activeBundles.get(bundle.getBundleId()));
        }
    };

    @Test
    void aProxyOfTheHostsBundleCountsForThePluginItNamesWhileThatPluginIsActive() {
        ToolOwner owner = ToolOwner.of(
                reference(
                        HOSTS,
                        Map.of(
                                PluginHosts.PLUGIN_PROPERTY,
                                "io.portcullis.tool.http",
                                PluginHosts.PLUGIN_VERSION_PROPERTY,
                                "1.4.0")),
                HOSTS,
                policy);

        assertThat(owner.owner()).isEqualTo("io.portcullis.tool.http");
        assertThat(owner.version()).isEqualTo("1.4.0");
        assertThat(owner.plugin().get()).isEmpty(); // not active yet
        activeIds.add("io.portcullis.tool.http");
        assertThat(owner.plugin().get()).contains("io.portcullis.tool.http");
        activeIds.clear(); // revoked: asked again at every call
        assertThat(owner.plugin().get()).isEmpty();
    }

    @Test
    void anotherBundleClaimingAPluginsIdentityIsAttributedToItselfOnly() {
        activeIds.add("io.portcullis.tool.http"); // the victim is active
        ServiceReference<?> claim = reference(
                PLUGIN,
                Map.of(
                        PluginHosts.PLUGIN_PROPERTY,
                        "io.portcullis.tool.http",
                        PluginHosts.PLUGIN_VERSION_PROPERTY,
                        "9.9.9"));

        ToolOwner owner = ToolOwner.of(claim, HOSTS, policy);

        assertThat(owner.owner()).isEqualTo("com.example.impostor");
        assertThat(owner.version()).isEqualTo("2.0.0");
        assertThat(owner.plugin().get()).isEmpty(); // the impostor is no active plugin
        activeBundles.put(PLUGIN.getBundleId(), "com.example.impostor");
        assertThat(owner.plugin().get()).contains("com.example.impostor"); // at most its own identity
    }

    @Test
    void withoutAHostsBundleNoServiceNamesItsPlugin() {
        activeIds.add("io.portcullis.tool.http");

        ToolOwner owner = ToolOwner.of(
                reference(HOSTS, Map.of(PluginHosts.PLUGIN_PROPERTY, "io.portcullis.tool.http")), null, policy);

        assertThat(owner.owner()).isEqualTo("io.portcullis.hosts");
        assertThat(owner.plugin().get()).isEmpty();
    }

    @Test
    void aHostsBundleToolWithoutAUsablePluginPropertyCountsForNobody() {
        activeIds.add("io.portcullis.tool.http");
        for (Object odd : new Object[] {null, "", new String[] {"io.portcullis.tool.http"}}) {
            Map<String, Object> properties = new HashMap<>();
            if (odd != null) {
                properties.put(PluginHosts.PLUGIN_PROPERTY, odd);
            }

            ToolOwner owner = ToolOwner.of(reference(HOSTS, properties), HOSTS, policy);

            assertThat(owner.owner()).isEqualTo("io.portcullis.hosts");
            assertThat(owner.plugin().get()).isEmpty();
        }
    }

    @Test
    void aProxyWithoutAVersionShowsTheUnknownVersion() {
        ToolOwner owner = ToolOwner.of(
                reference(HOSTS, Map.of(PluginHosts.PLUGIN_PROPERTY, "io.portcullis.tool.http")), HOSTS, policy);

        assertThat(owner.version()).isEqualTo(ToolOwner.UNKNOWN_VERSION);
    }

    @Test
    void aServiceAlreadyGoneHasNoOwner() {
        assertThat(ToolOwner.of(reference(null, Map.of()), HOSTS, policy)).isNull();
    }

    private static Bundle bundle(long id, String name, String version) {
        return proxy(
                Bundle.class,
                Map.of("getBundleId", id, "getSymbolicName", name, "getVersion", Version.parseVersion(version)));
    }

    private static ServiceReference<?> reference(Bundle bundle, Map<String, Object> properties) {
        return (ServiceReference<?>) Proxy.newProxyInstance(
                ToolOwnerTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getBundle" -> bundle;
                    case "getProperty" -> properties.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(
                ToolOwnerTest.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }
}
