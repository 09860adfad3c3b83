package io.portcullis.tools.internal.registry;

import io.portcullis.hosts.PluginHosts;
import io.portcullis.policy.PluginPolicy;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Whom a tool service is attributed to: the owner its name is held by, the version its results name,
 * and the plugin it counts for at each call (empty while that plugin is not active).
 *
 * <p>A tool registered by the plugin-hosts bundle is a proxy for a plugin running in its own host: it
 * is attributed to the plugin its {@link PluginHosts#PLUGIN_PROPERTY} names and counts while that
 * plugin is active. From any other bundle that property means nothing: the tool is its registering
 * bundle's, and counts while that bundle is an active plugin, so no plugin can claim another's identity.
 */
public record ToolOwner(String owner, String version, Supplier<Optional<String>> plugin) {

    /** The version shown when a proxy names none. */
    static final String UNKNOWN_VERSION = "0.0.0";

    /**
     * The owner of the tool service at {@code reference}.
     *
     * @param hostsBundle the bundle of the plugin-hosts API, the only one whose proxies name their plugin;
     *     null when there is none (then no service names its plugin)
     * @return null when the service is gone already
     */
    public static @Nullable ToolOwner of(
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
            return new ToolOwner(
                    pluginId, version, () -> policy.active(pluginId) ? Optional.of(pluginId) : Optional.empty());
        }
        return new ToolOwner(
                bundle.getSymbolicName(), bundle.getVersion().toString(), () -> policy.activePlugin(bundle));
    }
}
