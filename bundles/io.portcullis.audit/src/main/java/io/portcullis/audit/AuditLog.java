package io.portcullis.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, hash-chained record of every attempt. Call {@link #append} before acting and
 * outside any database transaction, and do not act when it throws: an action that cannot be recorded
 * does not happen. (Appending inside a transaction would hold a pooled connection while the writer
 * waits for one: a deadlock under load.)
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
