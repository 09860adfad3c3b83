package io.portcullis.vault.internal.credentials;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.vault.CredentialKind;
import io.portcullis.web.Names;
import io.portcullis.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies of the credential routes. The web layer rejects unknown fields; the constructors
 * validate and normalise, and their problems name the field, never the value. The records holding a
 * value never print it.
 */
final class Bodies {

    private Bodies() {}

    /** A new credential. What needs the workspace (secret-looking metadata, expiry) is checked by the routes. */
    record NewCredential(
            String name,
            CredentialKind kind,
            String value,
            Map<String, String> metadata,
            List<String> allowedHosts,
            boolean readOnly,
            @Nullable Instant expiresAt) {

        @JsonCreator
        NewCredential(
                @JsonProperty("name") @Nullable String name,
                @JsonProperty("kind") @Nullable String kind,
                @JsonProperty("value") @Nullable String value,
                @JsonProperty("metadata") @Nullable Map<String, String> metadata,
                @JsonProperty("allowed_hosts") @Nullable List<String> allowedHosts,
                @JsonProperty("read_only") @Nullable Boolean readOnly,
                @JsonProperty("expires_at") @Nullable Instant expiresAt) {
            this(
                    Names.require("name", name),
                    parseKind(kind),
                    SecretValues.require(parseKind(kind), value),
                    Metadata.require(metadata),
                    AllowedHosts.require(allowedHosts),
                    Boolean.TRUE.equals(readOnly),
                    expiresAt);
        }

        @Override
        public String toString() {
            return "NewCredential[name=" + name + ", kind=" + kind.id() + ", value=redacted]";
        }
    }

    /** A rotation: the new value, checked against the credential's kind by the store. */
    record Rotation(String value) {

        @JsonCreator
        Rotation(@JsonProperty("value") @Nullable String value) {
            if (value == null) {
                throw ProblemException.badRequest("Field 'value' is required.");
            }
            this.value = value;
        }

        @Override
        public String toString() {
            return "Rotation[value=redacted]";
        }
    }

    private static CredentialKind parseKind(@Nullable String id) {
        if (id == null) {
            throw ProblemException.badRequest("Field 'kind' is required.");
        }
        return CredentialKind.parse(id)
                .orElseThrow(() -> ProblemException.badRequest(
                        "Field 'kind' must be one of api_key, bearer_token, basic, oauth_token, webhook_url, private_key,"
                                + " other."));
    }
}
