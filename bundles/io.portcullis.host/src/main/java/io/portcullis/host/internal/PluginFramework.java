package io.portcullis.host.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The host's OSGi framework: Felix from the class path, storage in a fresh temporary folder, the
 * lent packages and granted scopes as system exports and capabilities, then the bundles of the
 * host's bundle folder (SCR and its API) and the plugin, all installed by reference so nothing is
 * copied.
 */
final class PluginFramework {

    private final Framework framework;
    private final Path storage;

    private PluginFramework(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /** Starts the framework and every bundle of {@code bundles} (not the plugin yet). */
    static PluginFramework start(Path bundles, String packagesExtra, String capabilitiesExtra)
            throws IOException, BundleException {
        Path storage = Files.createTempDirectory("portcullis-host-");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, packagesExtra);
        if (!capabilitiesExtra.isEmpty()) {
            config.put(Constants.FRAMEWORK_SYSTEMCAPABILITIES_EXTRA, capabilitiesExtra);
        }
        config.put("felix.log.level", "1");
        config.put("felix.cache.locking", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, PluginFramework.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(config);
        framework.start();
        PluginFramework host = new PluginFramework(framework, storage);
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(bundles)) {
            for (Path jar :
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                installed.add(host.install(jar));
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return host;
    }

    Bundle install(Path jar) throws BundleException {
        return framework
                .getBundleContext()
                .installBundle("reference:" + jar.toAbsolutePath().toUri());
    }

    Framework framework() {
        return framework;
    }

    /** Deletes the framework's storage; for the shutdown hook. */
    void deleteStorage() {
        try (Stream<Path> files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) { // NOPMD: best effort on the way out
            // the temporary folder stays
        }
    }
}
