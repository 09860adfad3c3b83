package io.portcullis.vault.internal.credentials;

import io.portcullis.audit.Decision;
import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.LastUsed;
import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialException.Reason;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import io.portcullis.vault.internal.keys.SealException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CredentialUse} on the credential tables. A handle costs a lookup and no decryption; opening
 * or revealing re-checks the binding and the expiry in the transaction that decrypts, under the
 * credential's current version (a handle outlives a rotation and opens the new value). A value that
 * does not authenticate is {@link Reason#TAMPERED}, never garbage. A database failure is an unchecked
 * {@link IllegalStateException}: the interface has no reason for it, and it is no verdict on the caller.
 *
 * <p>Every use is a {@code credential.use} record by the plugin, appended before anything is decrypted
 * and outside any transaction: a lookup first finds whether the credential may be used at all (an
 * unbound, unknown or expired one is recorded as {@code denied} and goes no further), then the use is
 * recorded as {@code allowed} (reason code {@code open} or {@code reveal}), then the value is decrypted;
 * if the use cannot be recorded, nothing is decrypted ({@link Reason#UNAVAILABLE}). A reveal without
 * {@value CredentialUse#REVEAL_SCOPE} is {@code denied} ({@code missing_scope}) before any lookup; a
 * value that does not authenticate is an {@code error} ({@code tampered}) after its use was recorded.
 */
final class CredentialUses implements CredentialUse {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialUses.class);
    private static final Pattern WORKSPACE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** What a use found in its transaction: the value's characters, or why there are none. */
    private record Attempt(
            char @Nullable [] value,
            @Nullable Reason reason,
            @Nullable SealException failure) {}

    private final Database database;
    private final CredentialCipher cipher;
    private final LastUsed lastUsed;
    private final CredentialAudit audit;
    private final Clock clock;

    CredentialUses(Database database, CredentialCipher cipher, LastUsed lastUsed, CredentialAudit audit, Clock clock) {
        this.database = database;
        this.cipher = cipher;
        this.lastUsed = lastUsed;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<CredentialHandle> handle(String workspaceId, String pluginId, String credentialId) {
        if (!wellFormed(workspaceId, pluginId, credentialId)) {
            return Optional.empty();
        }
        return query(
                        credentialId,
                        () -> database.inWorkspace(
                                workspaceId, connection -> bound(connection, workspaceId, pluginId, credentialId)))
                .filter(credential -> !credential.expiredAt(clock.instant()))
                .map(credential -> new CredentialHandle(
                        workspaceId,
                        credentialId,
                        pluginId,
                        credential.kind(),
                        credential.version(),
                        credential.allowedHosts(),
                        credential.readOnly()));
    }

    @Override
    public SecretValue open(CredentialHandle handle) throws CredentialException {
        return open(handle, null);
    }

    @Override
    public SecretValue open(CredentialHandle handle, @Nullable String requestId) throws CredentialException {
        return use("open", handle.workspaceId(), handle.pluginId(), handle.credentialId(), requestId);
    }

    @Override
    public SecretValue reveal(String workspaceId, String pluginId, Set<String> grantedScopes, String credentialId)
            throws CredentialException {
        if (!grantedScopes.contains(REVEAL_SCOPE)) {
            if (wellFormed(workspaceId, pluginId, credentialId)) {
                audit.failed(
                        workspaceId,
                        pluginId,
                        credentialId,
                        null,
                        Decision.DENIED,
                        "missing_scope",
                        "revealing needs the scope " + REVEAL_SCOPE);
            }
            throw new CredentialException(credentialId, Reason.DENIED, "revealing needs the scope " + REVEAL_SCOPE);
        }
        return use("reveal", workspaceId, pluginId, credentialId, null);
    }

    /** Looks the credential up, records the use, then decrypts; see the class comment. */
    private SecretValue use(
            String operation, String workspaceId, String pluginId, String credentialId, @Nullable String requestId)
            throws CredentialException {
        Use use = new Use(workspaceId, pluginId, credentialId, requestId);
        if (!wellFormed(workspaceId, pluginId, credentialId)) {
            throw notFound(credentialId); // names no chain a record could go on
        }
        Reason refused = query(
                credentialId,
                () -> database.inWorkspace(
                        workspaceId, connection -> refusal(connection, workspaceId, pluginId, credentialId)));
        if (refused != null) {
            throw failure(use, new Attempt(null, refused, null));
        }
        audit.use(use, operation);
        Attempt attempt = query(
                credentialId,
                () -> database.inWorkspace(
                        workspaceId, connection -> decrypt(connection, workspaceId, pluginId, credentialId)));
        char[] value = attempt.value();
        if (value == null) {
            throw failure(use, attempt);
        }
        lastUsed.touch(workspaceId, credentialId);
        return new SecretValue(value);
    }

    /** Why the credential cannot be used by the plugin now, or null if it can; decrypts nothing. */
    private @Nullable Reason refusal(Connection connection, String workspaceId, String pluginId, String credentialId)
            throws SQLException {
        Optional<StoredCredential> credential = bound(connection, workspaceId, pluginId, credentialId);
        if (credential.isEmpty()) {
            return Reason.NOT_FOUND;
        }
        return credential.get().expiredAt(clock.instant()) ? Reason.EXPIRED : null;
    }

    private Attempt decrypt(Connection connection, String workspaceId, String pluginId, String credentialId)
            throws SQLException {
        Optional<StoredCredential> credential = bound(connection, workspaceId, pluginId, credentialId);
        if (credential.isEmpty()) {
            return new Attempt(null, Reason.NOT_FOUND, null);
        }
        if (credential.get().expiredAt(clock.instant())) {
            return new Attempt(null, Reason.EXPIRED, null);
        }
        Optional<SealedValue> sealed = CredentialRows.sealed(connection, workspaceId, credentialId);
        if (sealed.isEmpty()) {
            return new Attempt(null, Reason.NOT_FOUND, null);
        }
        try {
            return new Attempt(cipher.open(connection, sealed.get()), null, null);
        } catch (SealException e) {
            return new Attempt(null, Reason.TAMPERED, e);
        }
    }

    /** The credential if it is of the workspace and bound to the plugin. */
    private static Optional<StoredCredential> bound(
            Connection connection, String workspaceId, String pluginId, String credentialId) throws SQLException {
        return CredentialRows.find(connection, workspaceId, credentialId)
                .filter(credential -> credential.boundPlugins().contains(pluginId));
    }

    /** Records why a use failed and answers the exception to throw; never with the value. */
    private CredentialException failure(Use use, Attempt attempt) {
        String workspaceId = use.workspaceId();
        String credentialId = use.credentialId();
        Reason reason = attempt.reason() == null ? Reason.NOT_FOUND : attempt.reason();
        return switch (reason) {
            case TAMPERED -> {
                LOG.error(
                        "Credential '{}' of workspace '{}' does not decrypt: its ciphertext was altered or moved,"
                                + " or the workspace's data key is gone",
                        credentialId,
                        workspaceId,
                        attempt.failure());
                audit.failed(use, Decision.ERROR, "tampered", "the stored value does not authenticate");
                yield new CredentialException(credentialId, reason, "stored value does not authenticate");
            }
            case EXPIRED -> {
                audit.failed(use, Decision.DENIED, "expired", "the credential expired");
                yield new CredentialException(credentialId, reason, "expired");
            }
            default -> {
                audit.failed(use, Decision.DENIED, "not_found", "no such credential bound to the plugin");
                yield notFound(credentialId);
            }
        };
    }

    private static CredentialException notFound(String credentialId) {
        return new CredentialException(credentialId, Reason.NOT_FOUND, "not found, or not bound to this plugin");
    }

    private static boolean wellFormed(String workspaceId, String pluginId, String credentialId) {
        return WORKSPACE_ID.matcher(workspaceId).matches() && PluginIds.valid(pluginId) && Ids.valid(credentialId);
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T query(String credentialId, Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new IllegalStateException("vault database unavailable for credential '" + credentialId + "'", e);
        }
    }
}
