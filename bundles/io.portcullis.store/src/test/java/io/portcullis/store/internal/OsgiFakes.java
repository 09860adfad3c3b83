package io.portcullis.store.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;

/** Just enough of {@link Bundle} and {@link BundleContext} to drive the extender without a framework. */
final class OsgiFakes {

    /** A service registered through {@link #context()}. */
    record Registered(Class<?> type, Object service, Map<String, Object> properties) {}

    final List<Registered> registered = Collections.synchronizedList(new ArrayList<>());

    BundleContext context() {
        return proxy(BundleContext.class, (proxy, method, args) -> switch (method.getName()) {
            case "registerService" -> register((Class<?>) args[0], args[1], (Dictionary<?, ?>) args[2]);
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private ServiceRegistration<?> register(Class<?> type, Object service, @Nullable Dictionary<?, ?> properties) {
        Map<String, Object> copy = new HashMap<>();
        if (properties != null) {
            Collections.list(properties.keys()).forEach(key -> copy.put((String) key, properties.get(key)));
        }
        Registered entry = new Registered(type, service, copy);
        registered.add(entry);
        return proxy(ServiceRegistration.class, (proxy, method, args) -> switch (method.getName()) {
            case "unregister" -> {
                if (!registered.remove(entry)) {
                    throw new IllegalStateException("already unregistered");
                }
                yield null;
            }
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    /** A bundle whose entries are {@code files} (path to content). */
    static Bundle bundle(long id, String name, @Nullable String schema, Map<String, String> files) {
        Hashtable<String, String> headers = new Hashtable<>();
        headers.put("Bundle-SymbolicName", name);
        if (schema != null) {
            headers.put("Portcullis-Schema", schema);
        }
        return proxy(Bundle.class, (proxy, method, args) -> switch (method.getName()) {
            case "getHeaders" -> headers;
            case "getSymbolicName" -> name;
            case "getVersion" -> Version.parseVersion("1.2.3");
            case "getBundleId" -> id;
            case "findEntries" -> entries(id, files, (String) args[0]);
            case "toString" -> name;
            case "hashCode" -> Long.hashCode(id);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    /** Like Felix: {@code bundle://} URLs of the {@code .sql} entries directly in {@code folder}, or null. */
    private static java.util.@Nullable Enumeration<URL> entries(long id, Map<String, String> files, String folder)
            throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            if (path.substring(0, path.lastIndexOf('/')).equals(folder) && path.endsWith(".sql")) {
                urls.add(new URL("bundle", id + ".0", -1, "/" + path, content(file.getValue())));
            }
        }
        return urls.isEmpty() ? null : Collections.enumeration(urls);
    }

    private static URLStreamHandler content(String text) {
        return new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
                return new URLConnection(url) {
                    @Override
                    public void connect() {}

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
                    }
                };
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(OsgiFakes.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
