package io.portcullis.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, hash-chained record of every attempt. Call {@link #append} before acting, and
 * inside the acting transaction when there is one, so that an action that cannot be recorded does not
 * happen (its transaction rolls back).
 *
 * <p>Thread-safe. {@link #append} blocks until the record is committed together with those of other
 * callers (group commit), at most the configured bounded wait.
 */
@ProviderType
public interface AuditLog {

    /**
     * Puts {@code event} on the record and returns it as committed.
     *
     * @throws AuditUnavailableException when it could not be committed in time; nothing was recorded
     *     and the caller must not act
     */
    AuditRecord append(AuditEvent event) throws AuditUnavailableException;

    /** Whether appends currently succeed; false while the writer is failing or saturated. */
    boolean writable();
}
