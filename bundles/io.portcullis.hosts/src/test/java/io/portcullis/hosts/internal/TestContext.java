package io.portcullis.hosts.internal;

import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.ToolContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A call's context as the invoker would hand it to a proxy. */
record TestContext(String workspaceId, Instant deadline, EgressClient egress, Set<String> bound)
        implements ToolContext {

    @Override
    public Optional<CredentialRef> credential(String credentialId) {
        return bound.contains(credentialId) ? Optional.of(new CredentialRef(credentialId)) : Optional.empty();
    }

    @Override
    public String runId() {
        return "run-test";
    }
}
