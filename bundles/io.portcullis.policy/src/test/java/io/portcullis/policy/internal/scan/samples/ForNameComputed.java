package io.portcullis.policy.internal.scan.samples;

import java.util.function.Function;

/** Loads classes by computed names: each is a finding. */
public class ForNameComputed {

    interface Loader {
        Class<?> load(String name) throws ClassNotFoundException;
    }

    Class<?> one(String name) throws ClassNotFoundException {
        return Class.forName(name);
    }

    Class<?> three(String prefix, ClassLoader loader) throws ClassNotFoundException {
        return Class.forName(prefix + "Impl", true, loader);
    }

    /** A constant pushed earlier for another call must not pass for the class name. */
    String earlierConstant(String name, ClassLoader loader) throws ClassNotFoundException {
        return label("constant", Class.forName(name, false, loader));
    }

    Class<?> viaLoader(ClassLoader loader, String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }

    /** The constant is the last branch compiled, right before the call, but the other branch joins there. */
    Class<?> chosen(boolean configured) throws ClassNotFoundException {
        return Class.forName(configured ? System.getProperty("impl") : "java.lang.String");
    }

    Loader reference() {
        return Class::forName;
    }

    static String label(String text, Class<?> type) {
        return text + type;
    }

    Function<String, String> clean() {
        return String::trim;
    }
}
