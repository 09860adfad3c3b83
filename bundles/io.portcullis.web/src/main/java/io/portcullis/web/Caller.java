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
}
