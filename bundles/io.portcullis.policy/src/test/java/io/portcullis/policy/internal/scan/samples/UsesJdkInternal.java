package io.portcullis.policy.internal.scan.samples;

/** Calls into a {@code sun.*} class other than {@code Unsafe}. */
public class UsesJdkInternal {

    Object signal() {
        return new sun.misc.Signal("INT");
    }
}
