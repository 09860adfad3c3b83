package io.portcullis.policy.internal.scan.samples;

import java.lang.invoke.MethodHandles;

/** Defines a hidden class from bytes it computed: code the install-time scan never saw. */
public class DefinesHiddenClass {

    Class<?> hidden(byte[] bytes) throws IllegalAccessException {
        return MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
    }
}
