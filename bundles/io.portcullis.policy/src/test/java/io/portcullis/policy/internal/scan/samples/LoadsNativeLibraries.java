package io.portcullis.policy.internal.scan.samples;

/** Loads native libraries, which run outside every check. */
public class LoadsNativeLibraries {

    void bySystem() {
        System.loadLibrary("evil");
        System.load("/tmp/libevil.so");
    }

    void byRuntime() {
        Runtime.getRuntime().load("/tmp/libevil.so");
    }
}
