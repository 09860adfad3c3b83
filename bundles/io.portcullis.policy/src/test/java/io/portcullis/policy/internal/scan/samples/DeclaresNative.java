package io.portcullis.policy.internal.scan.samples;

/** Declares a native method: the plugin would bring machine code the JVM cannot contain. */
public class DeclaresNative {

    native int poke(long address);

    int safe() {
        return 1;
    }
}
