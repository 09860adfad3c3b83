package io.portcullis.host.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Reads the state of a bundle's Declarative Services components from SCR's {@code
 * ServiceComponentRuntime}. The host's class path does not carry the DS API (SCR's bundle does, in
 * the framework), so this goes through reflection on the classes SCR itself sees.
 */
final class ComponentStates {

    static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final String DESCRIPTION = "org.osgi.service.component.runtime.dto.ComponentDescriptionDTO";
    private static final int SATISFIED = 4;
    private static final int ACTIVE = 8;
    private static final int FAILED_ACTIVATION = 16;

    /** Where the plugin's components stand. */
    sealed interface Status permits Ready, Waiting, Failed {}

    /** Every enabled component is satisfied or active. */
    record Ready() implements Status {}

    /** Some component is not satisfied yet; {@code detail} says which and why. */
    record Waiting(String detail) implements Status {}

    /** A component failed to activate. */
    record Failed(String detail) implements Status {}

    private final BundleContext context;

    ComponentStates(BundleContext context) {
        this.context = context;
    }

    /** The status of {@code plugin}'s components; Waiting while SCR has not registered its runtime. */
    Status of(Bundle plugin) throws ReflectiveOperationException {
        ServiceReference<?> ref = context.getServiceReference(RUNTIME);
        if (ref == null) {
            return new Waiting("SCR is not running");
        }
        Object runtime = context.getService(ref);
        if (runtime == null) {
            return new Waiting("SCR is not running");
        }
        try {
            Bundle scr = ref.getBundle();
            Class<?> api = scr.loadClass(RUNTIME);
            Class<?> descriptionType = scr.loadClass(DESCRIPTION);
            Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
            Method enabled = api.getMethod("isComponentEnabled", descriptionType);
            Method configurations = api.getMethod("getComponentConfigurationDTOs", descriptionType);
            List<String> waiting = new ArrayList<>();
            for (Object description : (Collection<?>) descriptions.invoke(runtime, (Object) new Bundle[] {plugin})) {
                if (!(Boolean) enabled.invoke(runtime, description)) {
                    continue;
                }
                String name = (String) field(description, "name");
                Collection<?> configs = (Collection<?>) configurations.invoke(runtime, description);
                if (configs.isEmpty()) {
                    waiting.add("'" + name + "' has no configuration");
                }
                for (Object config : configs) {
                    int state = (Integer) field(config, "state");
                    if (state == FAILED_ACTIVATION) {
                        return new Failed("component '" + name + "' failed to activate");
                    }
                    if (state != SATISFIED && state != ACTIVE) {
                        waiting.add("'" + name + "' misses " + unsatisfied(config));
                    }
                }
            }
            return waiting.isEmpty() ? new Ready() : new Waiting(String.join(", ", waiting));
        } finally {
            context.ungetService(ref);
        }
    }

    private static String unsatisfied(Object config) throws ReflectiveOperationException {
        Object refs = field(config, "unsatisfiedReferences");
        List<String> names = new ArrayList<>();
        for (int i = 0; refs != null && i < Array.getLength(refs); i++) { // null before DS 1.3
            names.add(String.valueOf(field(Array.get(refs, i), "name")));
        }
        return names.isEmpty() ? "its configuration" : "references " + names;
    }

    private static @Nullable Object field(Object dto, String name) throws ReflectiveOperationException {
        return dto.getClass().getField(name).get(dto);
    }
}
