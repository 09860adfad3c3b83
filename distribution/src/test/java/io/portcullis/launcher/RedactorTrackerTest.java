package io.portcullis.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    private Framework framework;
    private BundleContext context;
    private final AtomicReference<UnaryOperator<String>> current = new AtomicReference<>();
    private ServiceTracker<Object, Object> tracker;

    @BeforeEach
    void start() throws Exception {
        FrameworkFactory factory =
                ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        framework = factory.newFramework(Map.of(
                "org.osgi.framework.storage", storage.toString(), "org.osgi.framework.storage.clean", "onFirstInit"));
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

    private ServiceRegistration<?> register(Class<?> type, Object service, String role, int ranking) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("portcullis.role", role);
        properties.put(Constants.SERVICE_RANKING, ranking);
        return context.registerService(type.getName(), service, properties);
    }
}
