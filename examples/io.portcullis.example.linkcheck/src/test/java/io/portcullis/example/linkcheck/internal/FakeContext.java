package io.portcullis.example.linkcheck.internal;

import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.ToolContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A hand-written {@link ToolContext} for unit tests: the server's real context exists only inside a
 * running server. {@code boundCredentials} are the credential ids a workspace admin bound to the
 * plugin; the fake hands out handles for those only, just as the server does, and never a value.
 */
record FakeContext(EgressClient egress, Set<String> boundCredentials) implements ToolContext {

    FakeContext(EgressClient egress) {
        this(egress, Set.of());
    }

    @Override
    public String workspaceId() {
        return "ws_test";
    }

    @Override
    public Instant deadline() {
        return Instant.MAX;
    }

    @Override
    public Optional<CredentialRef> credential(String credentialId) {
        return boundCredentials.contains(credentialId)
                ? Optional.of(new CredentialRef(credentialId))
                : Optional.empty();
    }

    @Override
    public String runId() {
        return "manual";
    }
}
