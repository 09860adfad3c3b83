package io.portcullis.spi.testing;

import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.ToolContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ToolContext} for unit tests of plugins: the server's real one exists only inside a running
 * server. It hands out credential references for {@code boundCredentials} only, as the server does for
 * credentials a workspace bound to the plugin, and never a value.
 */
public record TestToolContext(String workspaceId, EgressClient egress, Set<String> boundCredentials)
        implements ToolContext {

    public TestToolContext(EgressClient egress) {
        this("ws_test", egress, Set.of());
    }

    @Override
    public Instant deadline() {
        return Instant.now().plusSeconds(30);
    }

    @Override
    public Optional<CredentialRef> credential(String credentialId) {
        return boundCredentials.contains(credentialId)
                ? Optional.of(new CredentialRef(credentialId))
                : Optional.empty();
    }

    @Override
    public String runId() {
        return "test";
    }
}
