package io.portcullis.spi;

import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the core hands a plugin for one call: the workspace it acts for, its deadline, and the only
 * doors to the outside it may use. Valid for the duration of the call only; do not keep it.
 * Thread-safe.
 */
@ProviderType
public interface CallContext {

    /** The workspace this call acts for; everything the plugin reads or writes belongs to it. */
    String workspaceId();

    /** When the core abandons the call; blocking work should stop before it. */
    Instant deadline();

    /**
     * The guarded HTTP client. Available to plugins granted {@code net.egress}; for others every
     * {@link EgressClient#send} is refused.
     */
    EgressClient egress();

    /**
     * A handle to the credential {@code credentialId} if a workspace admin bound it to this plugin;
     * empty for an unknown, foreign or unbound credential. Needs {@code vault.use}. The handle goes
     * into an {@link EgressRequest}; the value never reaches the plugin.
     */
    Optional<CredentialRef> credential(String credentialId);
}
