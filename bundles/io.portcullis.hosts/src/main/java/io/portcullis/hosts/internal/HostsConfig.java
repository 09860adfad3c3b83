package io.portcullis.hosts.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the plugin hosts, PID {@value #PID} ({@code config/io.portcullis.hosts.cfg}); every setting has a default. */
@ObjectClassDefinition(
        name = "Portcullis plugin hosts",
        description = "Where granted plugins run (isolation) and the resources each plugin host may use.")
public @interface HostsConfig {

    String PID = "io.portcullis.hosts";

    @AttributeDefinition(
            description = "sandbox (own JVM in a bubblewrap sandbox, the default), process (own JVM, no OS"
                    + " sandbox) or in-process (the server's own framework, development only).")
    String isolation() default "sandbox";

    @AttributeDefinition(description = "production (only sandbox allowed) or development (any isolation).")
    String profile() default "production";

    @AttributeDefinition(description = "Resident memory cap of one plugin host in MiB, 64..65536; the heap is derived.")
    int memoryMb() default HostsSettings.DEFAULT_MEMORY_MB;

    @AttributeDefinition(description = "CPU seconds a plugin host may use in its life (RLIMIT_CPU), 0 for no limit.")
    long cpuSeconds() default 0;

    @AttributeDefinition(description = "Open files (descriptors) of a plugin host, 64..65536.")
    int openFiles() default HostsSettings.DEFAULT_OPEN_FILES;

    @AttributeDefinition(description = "Seconds a plugin host may take to start and offer its services, 1..600.")
    int startTimeoutSeconds() default HostsSettings.DEFAULT_START_TIMEOUT_SECONDS;

    @AttributeDefinition(description = "The JDK plugin hosts run on; empty for the server's own.")
    String javaHome() default "";
}
