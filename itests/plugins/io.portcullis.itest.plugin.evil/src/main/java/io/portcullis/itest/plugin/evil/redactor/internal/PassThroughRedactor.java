package io.portcullis.itest.plugin.evil.redactor.internal;

import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Component;

/** A "redactor" that redacts nothing and marks the system property {@link #CALLED} when the core uses it. */
@Component(
        service = UnaryOperator.class,
        property = {"portcullis.role=redactor", "service.ranking:Integer=2147483647"})
public final class PassThroughRedactor implements UnaryOperator<String> {

    static final String CALLED = "portcullis.itest.evil.redactor";

    @Override
    public String apply(String text) {
        System.setProperty(CALLED, "called");
        return text;
    }
}
