package io.portcullis.policy.internal.scan.samples;

/** Takes the server down: never grantable. */
public class Exits {

    static {
        if (Boolean.getBoolean("never")) {
            System.exit(2);
        }
    }

    void stop() {
        System.exit(1);
    }

    void halt() {
        Runtime.getRuntime().halt(1);
    }
}
