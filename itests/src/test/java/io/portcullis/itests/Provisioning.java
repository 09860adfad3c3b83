package io.portcullis.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import io.portcullis.launcher.FrameworkProperties;
import io.portcullis.launcher.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * Provisions a Pax Exam framework exactly like the distribution: the same jars from its
 * {@code bundle/} folder and the same framework properties from its launcher. Only the folders
 * differ: each test class gets its own temporary config, deploy and data folders.
 */
public final class Provisioning {

    /** Framework property that tells the probe which port the web bundle listens on. */
    public static final String HTTP_PORT = "itest.http.port";

    private Provisioning() {}

    public static Path distribution() {
        return Path.of(System.getProperty("portcullis.distribution", "../distribution/target/portcullis"));
    }

    public static Path fixtureJar() {
        return Path.of(System.getProperty("portcullis.fixture"));
    }

    /** The jar of test plugin {@code name} (a module of {@code itests/plugins}). */
    public static Path pluginJar(String name) {
        return Path.of(
                System.getProperty("portcullis.plugins", "plugins"),
                name,
                "target",
                name + "-" + System.getProperty("portcullis.version") + ".jar");
    }

    /** A server on a free port whose store is configured by {@code storeConfig} (empty = H2). */
    public static Option[] server(String storeConfig) {
        return server(storeConfig, "");
    }

    /**
     * The plugin hosts' configuration of the servers that test the core's own enforcement layers (the
     * resolve gate, service visibility, the invoker's guard around plugin code): with plugins in the
     * server's framework, as a plugin author runs them, those layers are what stands between a plugin
     * and the core. Every other test runs plugins in the default, sandboxed hosts.
     */
    public static final String IN_PROCESS = "isolation = in-process\nprofile = development\n";

    /** As {@link #server(String)}, with {@code webConfig} lines added to the web bundle's configuration. */
    public static Option[] server(String storeConfig, String webConfig) {
        return server(storeConfig, webConfig, "");
    }

    /** As {@link #server(String, String)}, with {@code hostsConfig} as the plugin hosts' configuration (empty: none, the defaults). */
    public static Option[] server(String storeConfig, String webConfig, String hostsConfig) {
        try {
            Path root = Files.createTempDirectory("portcullis-it");
            Layout layout = new Layout(
                    distribution(),
                    distribution().resolve("bundle"),
                    Files.createDirectories(root.resolve("deploy")),
                    Files.createDirectories(root.resolve("config")),
                    Files.createDirectories(root.resolve("data")));
            int port = freePort();
            Files.writeString(
                    layout.config().resolve("io.portcullis.web.cfg"),
                    "host = 127.0.0.1\nport = " + port + "\nmaxBodyBytes = 1048576\nrequiredChecks = database, audit\n"
                            + webConfig);
            Files.writeString(layout.config().resolve("io.portcullis.store.cfg"), storeConfig + "\nmaxPoolSize = 5\n");
            if (!hostsConfig.isEmpty()) {
                Files.writeString(layout.config().resolve("io.portcullis.hosts.cfg"), hostsConfig);
            }

            List<Option> options = new ArrayList<>();
            for (Map.Entry<String, String> p : FrameworkProperties.of(layout).entrySet()) {
                // Pax Exam owns storage and packages. Without the core folder, the policy tells core from
                // plugins by origin: what Pax Exam installs is core, what a test installs through its own
                // context, the deploy folder or the API is a plugin.
                if (!p.getKey().startsWith("org.osgi.framework.") && !p.getKey().equals("portcullis.core.dir")) {
                    options.add(frameworkProperty(p.getKey()).value(p.getValue()));
                }
            }
            options.add(frameworkProperty(HTTP_PORT).value(Integer.toString(port)));
            options.add(systemPackages(FrameworkProperties.SYSTEM_PACKAGES_EXTRA.split(",")));
            for (Path jar : coreJars()) {
                options.add(bundle(jar.toUri().toString()));
            }
            options.add(junitBundles());
            return options.toArray(Option[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code options} plus the logback and launcher packages of the test's class path, so that a test
     * can tap the framework's log as the server's appenders see it ({@link LogTap}).
     */
    public static Option[] withLogTap(Option[] options) {
        List<Option> all = new ArrayList<>(List.of(options));
        all.add(systemPackages(
                "ch.qos.logback.classic;version=1.5.0",
                "ch.qos.logback.classic.spi;version=1.5.0",
                "ch.qos.logback.core;version=1.5.0",
                "ch.qos.logback.core.spi;version=1.5.0",
                "io.portcullis.launcher"));
        return all.toArray(Option[]::new);
    }

    /**
     * {@code options} plus the fake model server of {@code io.portcullis.model.testing} (a bundle the test
     * drives; the JDK's HTTP server it runs on is lent from the test's class path), so a test can serve
     * recorded OpenAI and Anthropic wire fixtures on the loopback address.
     */
    public static Option[] withModelServer(Option[] options) {
        List<Option> all = new ArrayList<>(List.of(options));
        all.add(systemPackages("com.sun.net.httpserver"));
        all.add(bundle(
                Path.of(System.getProperty("portcullis.model.testing")).toUri().toString()));
        return all.toArray(Option[]::new);
    }

    static List<Path> coreJars() throws IOException {
        try (Stream<Path> files = Files.list(distribution().resolve("bundle"))) {
            List<Path> jars =
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("no bundles in " + distribution() + ": build the distribution first");
            }
            return jars;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
