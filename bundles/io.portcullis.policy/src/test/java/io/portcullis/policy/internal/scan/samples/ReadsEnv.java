package io.portcullis.policy.internal.scan.samples;

import java.util.Map;

/** Reads the environment, both overloads: never grantable. */
public class ReadsEnv {

    String home() {
        return System.getenv("HOME");
    }

    Map<String, String> all() {
        return System.getenv();
    }
}
