package io.portcullis.audit.internal.writer;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the audit writer, PID {@value #PID}; optional: every setting has a default. */
@ObjectClassDefinition(name = "Portcullis audit", description = "The durable, hash-chained audit log.")
public @interface AuditConfig {

    String PID = "io.portcullis.audit";

    @AttributeDefinition(
            description = "Milliseconds an append may wait for room in the queue and for its commit"
                    + " before it fails (and the action it records does not run), " + WriterSettings.MIN_TIMEOUT_MILLIS
                    + ".." + WriterSettings.MAX_TIMEOUT_MILLIS + ".")
    long appendTimeoutMillis() default 5000;

    @AttributeDefinition(
            description = "Most records committed in one transaction, 1.." + WriterSettings.MAX_BATCH + ".")
    int maxBatch() default 1000;

    @AttributeDefinition(description = "Most appends waiting for the writer, 1.." + WriterSettings.MAX_QUEUE + ".")
    int queueCapacity() default 100_000;
}
