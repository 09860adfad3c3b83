package io.portcullis.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Brings the framework's bundles in line with the {@code bundle/} folder and starts them. The
 * framework cache persists across restarts, so a jar is installed once and updated only when its
 * file changed; a bundle whose jar left the folder is uninstalled.
 */
final class CoreBundles {

    private static final String SERVICELOADER_EXTENDER = "osgi.extender";
    private static final String SERVICELOADER_PROCESSOR = "osgi.serviceloader.processor";

    private final BundleContext context;
    private final Layout layout;

    CoreBundles(BundleContext context, Layout layout) {
        this.context = context;
        this.layout = layout;
    }

    void installAndStart() throws StartupException, BundleException {
        List<Bundle> core = install();
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(core);
        // Libraries and extenders (SCR, ConfigAdmin, FileInstall) first, one by one; then the
        // bundles with components, whose activation is the slow part, side by side. Among the first,
        // the ServiceLoader Mediator (SPI Fly) leads: its weaving hook must be registered before any
        // bundle it weaves (Shiro's crypto-hash) defines a class.
        List<Bundle> ordered = new ArrayList<>(core);
        ordered.sort(Comparator.comparing(bundle -> !isServiceLoaderMediator(bundle))); // stable: by name otherwise
        List<Bundle> withComponents = new ArrayList<>();
        for (Bundle bundle : ordered) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            if (bundle.getHeaders().get("Service-Component") != null) {
                withComponents.add(bundle);
            } else {
                start(bundle);
            }
        }
        startTogether(withComponents);
    }

    /** True for a bundle providing the {@code osgi.serviceloader.processor} extender, such as SPI Fly. */
    private static boolean isServiceLoaderMediator(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null
                && revision.getDeclaredCapabilities(SERVICELOADER_EXTENDER).stream()
                        .anyMatch(c ->
                                SERVICELOADER_PROCESSOR.equals(c.getAttributes().get(SERVICELOADER_EXTENDER)));
    }

    private List<Bundle> install() throws StartupException, BundleException {
        Set<String> locations = new HashSet<>();
        List<Bundle> core = new ArrayList<>();
        for (Path jar : jars()) {
            String location = jar.toUri().toString();
            locations.add(location);
            Bundle bundle = context.getBundle(location);
            if (bundle == null) {
                bundle = context.installBundle(location);
            } else if (lastModified(jar) > bundle.getLastModified()) {
                bundle.update();
            }
            core.add(bundle);
        }
        // Only bundles of the core folder are this class's business; plugins belong to the policy bundle.
        String coreFolder = layout.bundles().toUri().toString();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            boolean stale =
                    bundle.getBundleId() != 0 && !locations.contains(location) && location.startsWith(coreFolder);
            if (stale) {
                bundle.uninstall();
            }
        }
        return core;
    }

    private void startTogether(List<Bundle> bundles) throws StartupException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(bundles.size(), 4)));
        try {
            List<Future<?>> started = new ArrayList<>();
            for (Bundle bundle : bundles) {
                started.add(pool.submit(() -> {
                    start(bundle);
                    return null;
                }));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StartupException startup) {
                throw startup;
            }
            throw new StartupException("a core bundle did not start: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting the core bundles");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void start(Bundle bundle) throws StartupException {
        try {
            // Transient: the cache must not start core bundles by itself on the next launch,
            // before this class has brought them in line with the folder.
            bundle.start(Bundle.START_TRANSIENT);
        } catch (BundleException e) {
            throw new StartupException("core bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage());
        }
    }

    private List<Path> jars() throws StartupException {
        try (Stream<Path> files = Files.list(layout.bundles())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StartupException("cannot read the bundle folder " + layout.bundles() + ": " + e.getMessage());
        }
    }

    private static long lastModified(Path jar) throws StartupException {
        try {
            return Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new StartupException("cannot read " + jar + ": " + e.getMessage());
        }
    }
}
