package io.portcullis.vault.internal.credentials;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Response bodies, in the API's snake_case. Values are write-only: no view has a field for a value
 * or a ciphertext, only the keyed fingerprint that tells two values apart.
 */
final class Views {

    private Views() {}

    record Credential(
            String id,
            String name,
            String kind,
            Map<String, String> metadata,
            @JsonProperty("allowed_hosts") List<String> allowedHosts,
            @JsonProperty("read_only") boolean readOnly,
            @JsonProperty("expires_at") @Nullable Instant expiresAt,
            String fingerprint,
            int version,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("rotated_at") @Nullable Instant rotatedAt,
            @JsonProperty("last_used_at") @Nullable Instant lastUsedAt,
            @JsonProperty("bound_plugins") List<String> boundPlugins) {

        static Credential of(StoredCredential credential) {
            return new Credential(
                    credential.id(),
                    credential.name(),
                    credential.kind().id(),
                    credential.metadata(),
                    credential.allowedHosts(),
                    credential.readOnly(),
                    credential.expiresAt(),
                    credential.fingerprint(),
                    credential.version(),
                    credential.createdAt(),
                    credential.rotatedAt(),
                    credential.lastUsedAt(),
                    credential.boundPlugins());
        }
    }
}
