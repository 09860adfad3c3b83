package io.portcullis.web.internal;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The context class loader while Jetty starts. Jetty finds its own extensions (embedded in this
 * bundle) through {@code ServiceLoader} on the context loader, and Javalin looks there for an SLF4J
 * provider, which lives on the launcher's class path: bundle first, then the launcher's loader.
 */
final class StartupClassLoader extends ClassLoader {

    private final ClassLoader fallback;

    StartupClassLoader(ClassLoader bundle, ClassLoader fallback) {
        super(bundle);
        this.fallback = fallback;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return fallback.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
        return fallback.getResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return fallback.getResources(name);
    }
}
