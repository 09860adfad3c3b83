package io.portcullis.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** One run of the framework, from start to a clean stop. */
final class Server {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Layout layout;
    private final AtomicReference<String> failure = new AtomicReference<>();

    Server(Layout layout) {
        this.layout = layout;
    }

    int runUntilStopped() throws StartupException, IOException {
        Files.createDirectories(layout.data().resolve("tmp"));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow(() -> new StartupException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(FrameworkProperties.of(layout));
        RedactingTurboFilter logFilter = LogRedaction.installInProcess();
        ServiceTracker<Object, Object> redactors = null;
        try {
            framework.init();
            // Before any resolve: plugins stay unresolved until the policy bundle's gate is up.
            StartupGate.register(framework.getBundleContext(), layout.bundles());
            // Before any bundle starts: from the moment the vault registers its redactor, no log line
            // carries a secret it knows or one that looks like a secret.
            redactors = logFilter == null ? null : RedactorTracker.open(framework.getBundleContext(), logFilter::use);
            registerStartupFailureHandler(framework);
            stopOnSignals(framework);
            framework.start();
            LOG.info("Framework up {} ms after JVM start", sinceJvmStart());
            new CoreBundles(framework.getBundleContext(), layout).installAndStart();
            LOG.info("Core bundles started {} ms after JVM start", sinceJvmStart());
        } catch (BundleException | IllegalStateException e) {
            // A core bundle may have reported a failure and stopped the framework under our feet.
            stopQuietly(framework);
            if (failure.get() == null) {
                throw new StartupException("the OSGi framework did not start: " + e.getMessage());
            }
        }
        waitForStop(framework);
        closeQuietly(redactors);
        LOG.info("Portcullis stopped");
        String reason = failure.get();
        if (reason != null) {
            System.err.println("portcullis: " + reason);
            return Main.EXIT_STARTUP_FAILED;
        }
        return Main.EXIT_OK;
    }

    /**
     * Core bundles report a fatal start-up problem (port taken, bad configuration) through this
     * service: the launcher stops the framework and exits non-zero with their one-line reason.
     */
    private void registerStartupFailureHandler(Framework framework) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("portcullis.role", "startup-failure");
        Consumer<String> handler = reason -> {
            if (failure.compareAndSet(null, reason)) {
                stopQuietly(framework);
            }
        };
        framework.getBundleContext().registerService(Consumer.class, handler, props);
    }

    private static void closeQuietly(ServiceTracker<Object, Object> tracker) {
        try {
            if (tracker != null) {
                tracker.close();
            }
        } catch (IllegalStateException e) {
            // the framework is gone, and with it every service
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** SIGTERM and Ctrl-C stop the framework; the process then exits 0 instead of the JVM's 143. */
    private static void stopOnSignals(Framework framework) {
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                LOG.info("Stopping Portcullis (SIG{})", name);
                stopQuietly(framework);
            });
        }
    }

    private static void waitForStop(Framework framework) {
        while (true) {
            try {
                framework.waitForStop(0);
                return;
            } catch (InterruptedException e) {
                stopQuietly(framework);
            }
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
        } catch (BundleException e) {
            System.err.println("portcullis: the framework did not stop cleanly: " + e.getMessage());
        }
    }
}
