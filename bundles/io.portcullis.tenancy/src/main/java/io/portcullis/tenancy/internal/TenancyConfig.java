package io.portcullis.tenancy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the tenancy bundle, PID {@value #PID}; optional: every setting has a default. */
@ObjectClassDefinition(name = "Portcullis tenancy", description = "Workspaces, members and API keys.")
public @interface TenancyConfig {

    String PID = "io.portcullis.tenancy";

    int MAX_GRACE_HOURS = 720;

    @AttributeDefinition(
            description = "Hours a rotated API key keeps working beside its successor, 0.." + MAX_GRACE_HOURS + ".")
    int rotationGraceHours() default 24;
}
