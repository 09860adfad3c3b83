package io.portcullis.spi.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;

/**
 * Declares that the plugin needs a scope, such as {@code @RequiresScope(Scopes.NET_EGRESS)} on the
 * class that uses it. bnd writes {@code Require-Capability: io.portcullis.scope;
 * filter:="(io.portcullis.scope=net.egress)"} into the manifest; only the policy bundle provides
 * these capabilities, and only for scopes an administrator granted to this exact jar, so a plugin
 * missing one grant does not resolve and runs no code.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Repeatable(RequiresScope.List.class)
@Requirement(namespace = "io.portcullis.scope", filter = "(io.portcullis.scope=${#value})")
public @interface RequiresScope {

    /** The scope's name, one of {@link io.portcullis.spi.Scopes}. */
    String value();

    /** The container of repeated {@link RequiresScope} annotations. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.PACKAGE})
    @interface List {
        RequiresScope[] value();
    }
}
