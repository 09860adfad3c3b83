package io.portcullis.spi.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Header;

/**
 * Marks a bundle as a Portcullis plugin of the given kind: bnd writes the header
 * {@code Portcullis-Plugin: tool} (or {@code channel}, {@code model-provider}). Put it on one class
 * or on a {@code package-info}. A bundle outside the server's core folder without a valid header is
 * rejected.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Header(name = "Portcullis-Plugin", value = "${#value}")
public @interface PortcullisPlugin {

    /** {@value #TOOL}, {@value #CHANNEL} or {@value #MODEL_PROVIDER}. */
    String value();

    String TOOL = "tool";
    String CHANNEL = "channel";
    String MODEL_PROVIDER = "model-provider";
}
