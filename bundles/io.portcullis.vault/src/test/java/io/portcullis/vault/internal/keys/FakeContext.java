package io.portcullis.vault.internal.keys;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Just enough of a {@link BundleContext} for {@link VaultKeys}: the data-folder property, service
 * registrations it can list, and the launcher's startup-failure consumer, which records reasons.
 */
final class FakeContext {

    final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
    final List<String> failures = new ArrayList<>();
    final BundleContext context;

    FakeContext(Path data) {
        Consumer<String> launcher = failures::add;
        ServiceReference<?> launcherReference = proxy(ServiceReference.class, (method, args) -> null);
        context = proxy(BundleContext.class, (method, args) -> switch (method) {
            case "getProperty" -> VaultKeys.DATA_PROPERTY.equals(args[0]) ? data.toString() : null;
            case "registerService" -> register((Class<?>) args[0], args[1]);
            case "getServiceReferences" -> List.of(launcherReference);
            case "getService" -> launcher;
            case "ungetService" -> true;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private ServiceRegistration<?> register(Class<?> type, Object service) {
        services.put(type, service);
        return proxy(ServiceRegistration.class, (method, args) -> {
            if (method.equals("unregister")) {
                services.remove(type);
                return null;
            }
            throw new UnsupportedOperationException(method);
        });
    }

    interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(
                FakeContext.class.getClassLoader(),
                new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> handler.handle(method.getName(), args);
                });
    }
}
