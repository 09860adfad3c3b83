package io.portcullis.agent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the agent bundle, PID {@value #PID}; optional: every setting has a default. */
@ObjectClassDefinition(
        name = "Portcullis agents",
        description = "Agent runs: the workers that advance them, leases, waits, transcripts and event streams.")
public @interface AgentsConfig {

    String PID = "io.portcullis.agent";

    @AttributeDefinition(description = "Threads that advance runs, 1..256 (a run waiting for an approval holds none).")
    int workers() default 16;

    @AttributeDefinition(
            description = "Seconds a node holds a run without renewing its lease, 5..600; another node resumes it"
                    + " after that.")
    long leaseSeconds() default 30;

    @AttributeDefinition(
            description = "Seconds between sweeps for runs without a live lease and decided approvals, 1..300;"
                    + " less than leaseSeconds.")
    long sweepSeconds() default 2;

    @AttributeDefinition(
            description = "Seconds a run may stay queued or awaiting an approval before it expires, 60..2592000.")
    long maxWaitSeconds() default 86_400;

    @AttributeDefinition(description = "The most messages of a conversation packed into a model call, 1..1000.")
    int transcriptMessages() default 50;

    @AttributeDefinition(description = "Run event streams open at once on this node, 1..10000 (503 beyond).")
    int streamsPerNode() default 200;

    @AttributeDefinition(
            description = "Run event streams of one workspace open at once on this node, 1..10000 (503 beyond).")
    int streamsPerWorkspace() default 20;

    @AttributeDefinition(description = "Seconds run events are kept for replay, 3600..7776000.")
    long eventRetentionSeconds() default 86_400;
}
