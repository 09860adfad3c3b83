package io.portcullis.policy;

import io.portcullis.hosts.PluginHosts;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Whom a plugin's service (a {@code Tool}, a {@code ModelProvider}) is attributed to: the owner its
 * name is held by, the version its results name, and the plugin it counts for at each call (empty while
 * that plugin is not active). The one rule every core consumer of plugin services applies.
 *
 * <p>A service registered by the plugin-hosts bundle is a proxy for a plugin running in its own host:
 * it is attributed to the plugin its {@link PluginHosts#PLUGIN_PROPERTY} names and counts while that
 * plugin is active. From any other bundle that property means nothing: the service is its registering
 * bundle's, and counts while that bundle is an active plugin, so no plugin can claim another's identity.
 *
 * @param owner the plugin id (symbolic name) the service is attributed to
 * @param version the plugin's version
 * @param plugin the plugin id while that plugin is active, asked at each call
 * @since 1.4
 */
public record PluginService(String owner, String version, Supplier<Optional<String>> plugin) {

    /** The version shown when a proxy names none. */
    public static final String UNKNOWN_VERSION = "0.0.0";

    /** The bundle of the plugin-hosts API in this framework, or null outside one. */
    public static @Nullable Bundle hostsBundle() {
        return FrameworkUtil.getBundle(PluginHosts.class);
    }

    /**
     * The owner of the service at {@code reference}.
     *
     * @param hostsBundle the bundle of the plugin-hosts API, the only one whose proxies name their plugin;
     *     null when there is none (then no service names its plugin)
     * @return null when the service is gone already
     */
    public static @Nullable PluginService of(
            ServiceReference<?> reference, @Nullable Bundle hostsBundle, PluginPolicy policy) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return null;
        }
        if (hostsBundle != null
                && bundle.getBundleId() == hostsBundle.getBundleId()
                && reference.getProperty(PluginHosts.PLUGIN_PROPERTY) instanceof String pluginId
                && !pluginId.isBlank()) {
            String version =
                    reference.getProperty(PluginHosts.PLUGIN_VERSION_PROPERTY) instanceof String v && !v.isBlank()
                            ? v
                            : UNKNOWN_VERSION;
            return new PluginService(
                    pluginId, version, () -> policy.active(pluginId) ? Optional.of(pluginId) : Optional.empty());
        }
        return new PluginService(
                bundle.getSymbolicName(), bundle.getVersion().toString(), () -> policy.activePlugin(bundle));
    }
}
