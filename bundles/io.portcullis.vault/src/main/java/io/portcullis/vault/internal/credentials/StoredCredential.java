package io.portcullis.vault.internal.credentials;

import io.portcullis.vault.CredentialKind;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A credential row as the store reads it, without its ciphertext (see {@link SealedValue}): nothing
 * here is secret. Metadata is sorted by key; {@code boundPlugins} are the plugins it is bound to, sorted.
 */
record StoredCredential(
        String id,
        String workspaceId,
        String name,
        CredentialKind kind,
        Map<String, String> metadata,
        List<String> allowedHosts,
        boolean readOnly,
        @Nullable Instant expiresAt,
        int version,
        String fingerprint,
        Instant createdAt,
        @Nullable Instant rotatedAt,
        @Nullable Instant lastUsedAt,
        List<String> boundPlugins) {

    StoredCredential {
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        allowedHosts = List.copyOf(allowedHosts);
        boundPlugins = List.copyOf(boundPlugins);
    }

    /** Whether it has expired at {@code now}: an expiry is the first instant it no longer works. */
    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    StoredCredential withBoundPlugins(List<String> plugins) {
        return new StoredCredential(
                id,
                workspaceId,
                name,
                kind,
                metadata,
                allowedHosts,
                readOnly,
                expiresAt,
                version,
                fingerprint,
                createdAt,
                rotatedAt,
                lastUsedAt,
                plugins);
    }
}
