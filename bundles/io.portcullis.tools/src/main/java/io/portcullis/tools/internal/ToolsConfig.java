package io.portcullis.tools.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the tool invoker, PID {@value #PID}; optional: every setting has a default. */
@ObjectClassDefinition(name = "Portcullis tools", description = "The tool invoker: its pool and approvals.")
public @interface ToolsConfig {

    String PID = "io.portcullis.tools";

    @AttributeDefinition(description = "Tool calls running at once, 1..256.")
    int threads() default 16;

    @AttributeDefinition(description = "Tool calls waiting for a thread before new ones are refused (503), 0..10000.")
    int queue() default 64;

    @AttributeDefinition(description = "Minutes an approval may wait before it expires, 1..10080.")
    long approvalTtlMinutes() default 60;
}
