package io.portcullis.policy.internal.scan.samples;

/** Loads classes by constant names only: no finding. */
public class ForNameConstant {

    Class<?> one() throws ClassNotFoundException {
        return Class.forName("java.lang.String");
    }

    Class<?> three() throws ClassNotFoundException {
        return Class.forName("java.util.List", false, ForNameConstant.class.getClassLoader());
    }

    Class<?> threeWithThreadLoader() throws ClassNotFoundException {
        return Class.forName("java.util.Map", true, Thread.currentThread().getContextClassLoader());
    }

    Class<?> viaLoader(ClassLoader loader) throws ClassNotFoundException {
        return loader.loadClass("java.util.Set");
    }
}
