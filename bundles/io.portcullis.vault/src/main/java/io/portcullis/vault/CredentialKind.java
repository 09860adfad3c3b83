package io.portcullis.vault;

import java.util.Locale;
import java.util.Optional;

/** What a credential is, which tells the egress layer how to inject it into a request. */
public enum CredentialKind {
    API_KEY,
    BEARER_TOKEN,
    BASIC,
    OAUTH_TOKEN,
    WEBHOOK_URL,
    PRIVATE_KEY,
    OTHER;

    /** The name used in the API and the database: {@code api_key}, {@code bearer_token}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id} exactly as {@link #id()} spells it; empty for anything else. */
    public static Optional<CredentialKind> parse(String id) {
        for (CredentialKind kind : values()) {
            if (kind.id().equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
