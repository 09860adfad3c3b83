package io.portcullis.policy.internal.gate;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/** Just enough of bundles, revisions, capabilities and service references for the hooks' decisions. */
final class Fakes {

    private Fakes() {}

    static Bundle bundle(long id, String location) {
        return proxy(Bundle.class, (method, args) -> switch (method) {
            case "getBundleId" -> id;
            case "getLocation" -> location;
            case "getSymbolicName" -> "b" + id;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    static BundleRevision revision(Bundle bundle) {
        return proxy(BundleRevision.class, (method, args) -> switch (method) {
            case "getBundle" -> bundle;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    static BundleCapability capability(Bundle provider, String namespace, Map<String, Object> attributes) {
        BundleRevision revision = revision(provider);
        return proxy(BundleCapability.class, (method, args) -> switch (method) {
            case "getRevision" -> revision;
            case "getNamespace" -> namespace;
            case "getAttributes" -> attributes;
            case "toString" -> namespace + attributes;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    static BundleRequirement requirement(Bundle requirer, String namespace) {
        BundleRevision revision = revision(requirer);
        return proxy(BundleRequirement.class, (method, args) -> switch (method) {
            case "getRevision" -> revision;
            case "getNamespace" -> namespace;
            case "toString" -> "requirement " + namespace;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    static ServiceReference<?> service(Bundle provider, Map<String, Object> properties) {
        return proxy(ServiceReference.class, (method, args) -> switch (method) {
            case "getBundle" -> provider;
            case "getProperty" -> properties.get((String) args[0]);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    static <T> Collection<T> mutable(List<T> items) {
        return new ArrayList<>(items);
    }

    @FunctionalInterface
    interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(
                Fakes.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> answer.answer(method.getName(), args);
                });
    }
}
