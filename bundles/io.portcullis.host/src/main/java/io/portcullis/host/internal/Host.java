package io.portcullis.host.internal;

import io.portcullis.host.wire.HostFailed;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.RpcEndpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin host's life: connect to the core, start the framework and the plugin, wait until every
 * DS component of the plugin is satisfied, announce its services, serve calls; exit when the core's
 * stream ends, on a protocol violation, or after telling the core the plugin did not start.
 */
public final class Host {

    /** Exit codes: the core went away; the plugin did not start; the core broke the protocol. */
    public static final int EXIT_EOF = 0;

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_VIOLATION = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    private static final int MAX_CALL_THREADS = 256;
    private static final int MAX_REASON = 2000;

    private final HostArgs args;
    private final Path bundles;
    private final Duration startTimeout;
    private final HostHandler handler = new HostHandler();
    private final CountDownLatch done = new CountDownLatch(1);
    private final RpcEndpoint core;

    public Host(HostArgs args, Path bundles, Duration startTimeout, InputStream in, OutputStream out) {
        this.args = args;
        this.bundles = bundles;
        this.startTimeout = startTimeout;
        ThreadPoolExecutor calls = new ThreadPoolExecutor(
                0, MAX_CALL_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), Threads.daemon("call"));
        this.core = new RpcEndpoint("protocol", in, out, handler, calls, this::linkClosed);
        handler.connect(core);
    }

    /** Runs the host; returns only through {@link Exit}. */
    public void run(String packagesExtra) throws InterruptedException {
        core.start();
        PluginFramework framework;
        Bundle plugin;
        try {
            framework = PluginFramework.start(bundles, packagesExtra, args.capabilities());
            Runtime.getRuntime().addShutdownHook(new Thread(framework::deleteStorage, "storage-cleanup"));
            LOG.debug("Framework and SCR started");
            plugin = framework.install(args.pluginJar());
            if (!args.pluginId().equals(plugin.getSymbolicName())) {
                LOG.warn("Plugin '{}': the jar's symbolic name is '{}'", args.pluginId(), plugin.getSymbolicName());
            }
            PluginServices services =
                    new PluginServices(framework.framework().getBundleContext(), args.pluginId(), plugin);
            plugin.start();
            LOG.debug("Plugin bundle started");
            String waiting = awaitComponents(framework, plugin);
            if (waiting != null) {
                fail(waiting);
                return;
            }
            handler.serve(services);
            services.announce(
                    ready -> core.notify(Methods.HOST_READY, ready),
                    later -> core.notify(Methods.HOST_SERVICES, later));
            LOG.info(
                    "Plugin '{}' ready: {} service(s), {} ms after the JVM started",
                    args.pluginId(),
                    services.current().services().size(),
                    ProcessHandle.current()
                            .info()
                            .startInstant()
                            .map(t -> Duration.between(t, Instant.now()).toMillis())
                            .orElse(-1L));
        } catch (BundleException e) {
            fail("the plugin did not start: " + e.getMessage());
            return;
        } catch (Exception e) { // NOPMD: anything else also means no plugin
            LOG.error("Plugin '{}' host failed to start", args.pluginId(), e);
            fail("the plugin host failed: " + e.getClass().getName());
            return;
        }
        done.await();
    }

    /** Null when every component is satisfied, else why not (failed, or still waiting at the timeout). */
    private @Nullable String awaitComponents(PluginFramework framework, Bundle plugin) throws Exception {
        ComponentStates states = new ComponentStates(framework.framework().getBundleContext());
        Instant end = Instant.now().plus(startTimeout);
        while (true) {
            if (plugin.getState() != Bundle.ACTIVE) {
                return "the plugin bundle stopped";
            }
            ComponentStates.Status status = states.of(plugin);
            if (status instanceof ComponentStates.Ready) {
                return null;
            }
            if (status instanceof ComponentStates.Failed failed) {
                return failed.detail();
            }
            if (Instant.now().isAfter(end)) {
                return "components not satisfied after " + startTimeout.toSeconds() + " s: "
                        + ((ComponentStates.Waiting) status).detail();
            }
            Thread.sleep(5);
        }
    }

    private void fail(String reason) {
        String shown = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
        LOG.error("Plugin '{}' not started: {}", args.pluginId(), shown);
        core.notify(Methods.HOST_FAILED, new HostFailed(shown));
        Exit.now(EXIT_FAILED);
    }

    private void linkClosed(@Nullable String violation) {
        if (violation == null) {
            LOG.info("Plugin '{}': the core closed the link, exiting", args.pluginId());
            Exit.now(EXIT_EOF);
        } else {
            LOG.error("Plugin '{}': protocol violation from the core ({}), exiting", args.pluginId(), violation);
            Exit.now(EXIT_VIOLATION);
        }
    }
}
