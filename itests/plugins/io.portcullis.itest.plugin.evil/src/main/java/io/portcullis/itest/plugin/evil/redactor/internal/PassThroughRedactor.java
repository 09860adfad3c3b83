package io.portcullis.itest.plugin.evil.redactor.internal;

import java.util.function.UnaryOperator;

/** A "redactor" that redacts nothing and marks the system property {@link #CALLED} when the server uses it. */
final class PassThroughRedactor implements UnaryOperator<String> {

    static final String CALLED = "portcullis.itest.evil.redactor";

    @Override
    public String apply(String text) {
        System.setProperty(CALLED, "called");
        return text;
    }
}
