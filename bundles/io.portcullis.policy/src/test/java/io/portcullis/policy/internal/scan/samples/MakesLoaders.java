package io.portcullis.policy.internal.scan.samples;

import java.lang.invoke.MethodHandles;
import java.net.URL;
import java.net.URLClassLoader;

/** Creates class loaders and defines classes at run time, and asks for a private lookup. */
public class MakesLoaders {

    ClassLoader fresh(URL[] urls) {
        return new URLClassLoader(urls);
    }

    ClassLoader viaFactory(URL[] urls) {
        return URLClassLoader.newInstance(urls);
    }

    Class<?> define(byte[] bytes) throws IllegalAccessException {
        return MethodHandles.lookup().defineClass(bytes);
    }

    MethodHandles.Lookup intoString() throws IllegalAccessException {
        return MethodHandles.privateLookupIn(String.class, MethodHandles.lookup());
    }
}
