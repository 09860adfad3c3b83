package io.portcullis.itests;

import io.portcullis.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.dto.ServiceReferenceDTO;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;

/**
 * What each stage between the egress configuration file and the egress guard holds now (framework,
 * file, ConfigurationAdmin, DS components, audit, services, FileInstall/CM/SCR threads), so a grant
 * that never takes effect explains itself in the failure message.
 */
final class EgressDiagnosis {

    private static final String EGRESS_PID = "io.portcullis.egress";
    private static final String EGRESS_COMPONENT = "io.portcullis.egress.internal.EgressService";
    private static final String POLICY_COMPONENT = "io.portcullis.policy.internal.Policy";

    private EgressDiagnosis() {}

    /** What each stage between the config file and the guard holds now. */
    static String of(BundleContext context, Path config) {
        StringBuilder why = new StringBuilder();
        try {
            diagnose(context, config, why);
        } catch (RuntimeException | LinkageError e) {
            why.append("; the diagnosis failed: ").append(e);
        }
        return why.toString();
    }

    private static void diagnose(BundleContext context, Path config, StringBuilder why) {
        Bundle system = context.getBundle(0);
        why.append("system bundle state ")
                .append(system.getState())
                .append(", framework start level ")
                .append(system.adapt(FrameworkStartLevel.class).getStartLevel());
        try {
            why.append("; file ")
                    .append(config.getFileName())
                    .append(" (modified ")
                    .append(Files.getLastModifiedTime(config))
                    .append("): ")
                    .append(Files.readString(config).strip());
        } catch (Exception e) {
            why.append("; file unreadable: ").append(e);
        }
        why.append("; ConfigurationAdmin: ").append(withService(context, ConfigurationAdmin.class, admin -> {
            Configuration[] found = admin.listConfigurations("(service.pid=" + EGRESS_PID + ")");
            if (found == null) {
                return "no configuration " + EGRESS_PID;
            }
            Map<String, Object> properties = new TreeMap<>();
            Dictionary<String, Object> dictionary = found[0].getProperties();
            for (String key : dictionary == null ? List.<String>of() : Collections.list(dictionary.keys())) {
                properties.put(key, dictionary.get(key));
            }
            return "change count " + found[0].getChangeCount() + " " + text(properties);
        }));
        why.append("; DS: ").append(withService(context, ServiceComponentRuntime.class, scr -> {
            List<String> states = new ArrayList<>();
            for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs()) {
                if (component.name.equals(EGRESS_COMPONENT) || component.name.equals(POLICY_COMPONENT)) {
                    for (ComponentConfigurationDTO instance : scr.getComponentConfigurationDTOs(component)) {
                        states.add(component.name + " state " + instance.state
                                + (instance.failure == null ? "" : " failure " + instance.failure)
                                + " bound " + bound(instance)
                                + " properties " + text(new TreeMap<>(instance.properties)));
                    }
                }
            }
            return states.isEmpty() ? "no " + EGRESS_COMPONENT + " component" : String.join("; ", states);
        }));
        why.append("; audit: ").append(withService(context, AuditLog.class, audit -> "writable " + audit.writable()));
        try {
            ServiceReference<?>[] grants = context.getServiceReferences("io.portcullis.policy.PrivateEndpoints", null);
            List<Object> ids = new ArrayList<>();
            for (ServiceReference<?> grant : grants == null ? new ServiceReference<?>[0] : grants) {
                ids.add(grant.getProperty("service.id"));
            }
            why.append("; PrivateEndpoints service ids ").append(ids);
        } catch (Exception e) {
            why.append("; PrivateEndpoints services unknown: ").append(e);
        }
        // A stuck watcher or configuration dispatcher shows here as a thread parked in a lock.
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (name.equals("fileinstall-" + context.getProperty("felix.fileinstall.dir"))
                    || name.startsWith("CM ")
                    || name.startsWith("SCR ")) {
                why.append("; thread '").append(name).append("' ").append(thread.getState());
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    why.append("\n    at ").append(stack[i]);
                }
            }
        });
    }

    /** Each satisfied reference of a component with the ids of the services it is bound to. */
    private static String bound(ComponentConfigurationDTO instance) {
        List<String> references = new ArrayList<>();
        for (SatisfiedReferenceDTO reference : instance.satisfiedReferences) {
            List<Long> ids = new ArrayList<>();
            for (ServiceReferenceDTO service : reference.boundServices) {
                ids.add(service.id);
            }
            references.add(reference.name + "=" + ids);
        }
        return references.toString();
    }

    private static String text(Map<String, Object> properties) {
        StringBuilder text = new StringBuilder("{");
        properties.forEach((key, value) -> text.append(text.length() > 1 ? ", " : "")
                .append(key)
                .append('=')
                .append(value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value)));
        return text.append('}').toString();
    }

    private static <S> String withService(BundleContext context, Class<S> type, ServiceQuery<S> query) {
        ServiceReference<S> reference = context.getServiceReference(type);
        S service = reference == null ? null : context.getService(reference);
        if (service == null) {
            return "no " + type.getSimpleName() + " service";
        }
        try {
            return query.ask(service);
        } catch (Exception e) {
            return type.getSimpleName() + " failed: " + e;
        } finally {
            context.ungetService(reference);
        }
    }

    @FunctionalInterface
    private interface ServiceQuery<S> {
        String ask(S service) throws Exception;
    }
}
