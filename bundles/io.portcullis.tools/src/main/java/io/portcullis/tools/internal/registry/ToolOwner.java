package io.portcullis.tools.internal.registry;

import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.PluginService;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Whom a tool service is attributed to: the owner its name is held by, the version its results name,
 * and the plugin it counts for at each call (empty while that plugin is not active). The rule is the
 * policy's {@link PluginService}, which model providers are attributed by too.
 */
public record ToolOwner(String owner, String version, Supplier<Optional<String>> plugin) {

    /** The version shown when a proxy names none. */
    static final String UNKNOWN_VERSION = PluginService.UNKNOWN_VERSION;

    /**
     * The owner of the tool service at {@code reference} (see {@link PluginService#of}).
     *
     * @return null when the service is gone already
     */
    public static @Nullable ToolOwner of(
            ServiceReference<?> reference, @Nullable Bundle hostsBundle, PluginPolicy policy) {
        PluginService service = PluginService.of(reference, hostsBundle, policy);
        return service == null ? null : new ToolOwner(service.owner(), service.version(), service.plugin());
    }
}
