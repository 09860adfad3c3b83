package io.portcullis.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/** The launcher follows the redactor service in a real (empty) Felix, by role and ranking only. */
class RedactorTrackerTest {

    @TempDir
    Path storage;

    @TempDir
    Path folders;

    private Framework framework;
    private BundleContext context;
    private final AtomicReference<UnaryOperator<String>> current = new AtomicReference<>();
    private ServiceTracker<Object, Object> tracker;

    @BeforeEach
    void start() throws Exception {
        FrameworkFactory factory =
                ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        Files.createDirectories(folders.resolve("core"));
        Files.createDirectories(folders.resolve("deploy"));
        framework = factory.newFramework(Map.of(
                "org.osgi.framework.storage",
                storage.toString(),
                "org.osgi.framework.storage.clean",
                "onFirstInit",
                "portcullis.core.dir",
                folders.resolve("core").toString()));
        framework.start();
        context = framework.getBundleContext();
        tracker = RedactorTracker.open(context, current::set);
    }

    @AfterEach
    void stop() throws Exception {
        tracker.close();
        framework.stop();
        framework.waitForStop(0);
    }

    @Test
    void theRegisteredRedactorIsUsedUntilItGoesAway() {
        UnaryOperator<String> redactor = text -> text;
        ServiceRegistration<?> registration = register(UnaryOperator.class, redactor, "redactor", 0);

        assertThat(current.get()).isSameAs(redactor);

        registration.unregister();
        assertThat(current.get()).isNull();
    }

    @Test
    void theHighestRankedRedactorLeads() {
        UnaryOperator<String> low = text -> text;
        UnaryOperator<String> high = text -> text;
        register(UnaryOperator.class, low, "redactor", 0);
        ServiceRegistration<?> highRegistration = register(UnaryOperator.class, high, "redactor", 10);

        assertThat(current.get()).isSameAs(high);

        highRegistration.unregister();
        assertThat(current.get()).isSameAs(low);
    }

    @Test
    void servicesWithoutTheRoleOrOfAnotherTypeAreIgnored() {
        register(UnaryOperator.class, (UnaryOperator<String>) text -> text, "something-else", 0);
        register(Consumer.class, (Consumer<String>) text -> {}, "redactor", 0);

        assertThat(current.get()).isNull();
        assertThat(tracker.size()).isZero();
    }

    @Test
    void aPluginRegisteringTheRedactorInterfaceAndRoleDoesNotBecomeTheRedactor() throws Exception {
        UnaryOperator<String> real = text -> text.replace("secret", "***");
        register(UnaryOperator.class, real, "redactor", 0);
        BundleContext plugin = installAndStart(folders.resolve("deploy"), "io.example.evil");

        UnaryOperator<String> evil = text -> text;
        plugin.registerService(UnaryOperator.class.getName(), evil, roleAndRanking("redactor", 1000));

        assertThat(current.get()).isSameAs(real);

        BundleContext core = installAndStart(folders.resolve("core"), "io.portcullis.vault");
        UnaryOperator<String> vault = text -> text;
        core.registerService(UnaryOperator.class.getName(), vault, roleAndRanking("redactor", 10));
        assertThat(current.get()).isSameAs(vault);
    }

    /** Installs an empty bundle named {@code name} from a jar written in {@code folder}; its context. */
    private BundleContext installAndStart(Path folder, String name) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", name);
        Path jar = folder.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        Bundle bundle = context.installBundle(jar.toUri().toString());
        bundle.start();
        return bundle.getBundleContext();
    }

    private static Dictionary<String, Object> roleAndRanking(String role, int ranking) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("portcullis.role", role);
        properties.put(Constants.SERVICE_RANKING, ranking);
        return properties;
    }

    private ServiceRegistration<?> register(Class<?> type, Object service, String role, int ranking) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("portcullis.role", role);
        properties.put(Constants.SERVICE_RANKING, ranking);
        return context.registerService(type.getName(), service, properties);
    }
}
