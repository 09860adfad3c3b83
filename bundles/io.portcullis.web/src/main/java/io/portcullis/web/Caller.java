package io.portcullis.web;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The authenticated caller of a request, as the {@link Authenticator} established it. Immutable and
 * thread-safe.
 */
@ConsumerType
public interface Caller {

    /** A stable, non-secret id of the credential's principal (an API key id, say), for logs and limits. */
    String id();

    /** The workspace the credential belongs to; empty for the platform administrator. */
    Optional<String> workspaceId();

    /** The rate-limit class of this caller, such as its role: {@code owner}, {@code viewer}, {@code platform}. */
    String rateClass();

    /** Whether the caller holds {@code permission}, such as {@code workspace:ws1:members:read}. */
    boolean isPermitted(String permission);

    /**
     * What kind of principal this is, as the audit log names its actors: {@code api_key},
     * {@code member}, {@code platform}. {@code unknown} unless the authenticator says.
     */
    default String kind() {
        return "unknown";
    }

    /**
     * The stable, non-secret id of who acts (a member's id, an API key's id), for the audit log's
     * actor. {@link #id()} unless the authenticator knows a better one.
     */
    default String principalId() {
        return id();
    }

    /**
     * The id of the credential used (an API key's id, a token's id), for the audit log; empty when the
     * credential has none. {@link #id()} unless the authenticator knows better. Never the secret.
     */
    default Optional<String> credentialId() {
        return Optional.of(id());
    }

    /**
     * The least role that holds {@code permission} where this caller acts ({@code admin}, say), so that a
     * refusal can name what the action needs; empty when the authenticator knows no such role.
     */
    default Optional<String> roleFor(String permission) {
        return Optional.empty();
    }
}
