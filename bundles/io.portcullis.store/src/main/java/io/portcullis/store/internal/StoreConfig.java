package io.portcullis.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the store, PID {@value #PID}. The environment variables
 * {@code PORTCULLIS_DB_URL}, {@code PORTCULLIS_DB_USER} and {@code PORTCULLIS_DB_PASSWORD} win over
 * these properties.
 */
@ObjectClassDefinition(
        name = "Portcullis store",
        description = "The database: embedded H2 in the data folder unless a URL is given.")
public @interface StoreConfig {

    String PID = "io.portcullis.store";

    @AttributeDefinition(
            name = "JDBC URL",
            description = "jdbc:h2:... or jdbc:postgresql:...; empty for the embedded H2 database "
                    + "in <data>/db/portcullis. Overridden by PORTCULLIS_DB_URL.",
            required = false)
    String url() default "";

    @AttributeDefinition(name = "User", description = "Overridden by PORTCULLIS_DB_USER.", required = false)
    String user() default "";

    @AttributeDefinition(
            name = "Password",
            description = "Overridden by PORTCULLIS_DB_PASSWORD.",
            type = AttributeType.PASSWORD,
            required = false)
    String password() default "";

    @AttributeDefinition(
            name = "Maximum pool size",
            description = "Connections kept open, 1..1000.",
            min = "1",
            max = "1000")
    int maxPoolSize() default 10;
}
