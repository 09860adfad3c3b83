package io.portcullis.itest.plugin.evil.hiddenentry.internal;

/** The hidden class: what the scan would reject, had it read it. */
final class Payload {

    private Payload() {}

    static String environment() {
        return System.getenv().toString();
    }
}
