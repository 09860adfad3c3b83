package io.portcullis.policy.internal.scan.samples;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/** Breaks encapsulation; javac records the static receiver type ({@code Field}, {@code Method}). */
public class SetsAccessible {

    Object read(Field field, Object target) throws IllegalAccessException {
        field.setAccessible(true);
        return field.get(target);
    }

    boolean open(Method method) {
        return method.trySetAccessible();
    }
}
