package io.portcullis.hosts;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs granted plugins in their own hosts. The policy bundle calls it when a plugin is granted,
 * revoked or uninstalled; while a host runs, this bundle registers in the core one proxy service
 * per service the host offers ({@code Tool}, {@code ModelProvider}, {@code Channel}) with the
 * service property {@link #PLUGIN_PROPERTY}. A core-internal service: plugins never see it.
 * Thread-safe.
 */
@ProviderType
public interface PluginHosts {

    /** Service property of every proxy service: the id of the plugin behind it. */
    String PLUGIN_PROPERTY = "io.portcullis.plugin";

    /** Service property of every proxy service: the version of the plugin behind it. */
    String PLUGIN_VERSION_PROPERTY = "io.portcullis.plugin.version";

    /** The configured isolation. {@link Isolation#IN_PROCESS}: the policy runs plugins in the core's framework, and this service hosts nothing. */
    Isolation isolation();

    /** Why hosted plugins cannot start on this machine under the configured isolation, with how to fix it; empty when they can. */
    Optional<String> unavailable();

    /**
     * Starts the host of {@code plugin}, replacing one already running for that id. Completes once the
     * host's services are registered in the core, or exceptionally with a {@link HostException}. A host
     * that fails later is restarted with backoff, each time from the granted bytes checked again.
     */
    CompletableFuture<HostStatus> start(HostedPlugin plugin);

    /** Stops the host of {@code pluginId} (killed if it does not exit at once) and unregisters its proxies; nothing if none runs. */
    void stop(String pluginId);

    /** The host of {@code pluginId}, empty if none was started since the server's start. */
    Optional<HostStatus> status(String pluginId);
}
