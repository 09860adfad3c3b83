package io.portcullis.policy.internal.scan.samples;

import java.lang.reflect.Field;

/** Reaches {@code sun.misc.Unsafe} by class literal and a cast, without calling a member. */
public class UsesUnsafe {

    Class<?> type() {
        return sun.misc.Unsafe.class;
    }

    Object cast(Field theUnsafe) throws IllegalAccessException {
        return (sun.misc.Unsafe) theUnsafe.get(null);
    }
}
