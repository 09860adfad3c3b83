package io.portcullis.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, hash-chained record of every attempt. Call {@link #append} before acting, and do not
 * act when it throws: an action that cannot be recorded does not happen.
 *
 * <p>Appending inside a database transaction is safe: the writer commits on a connection of its own,
 * outside the shared pool, so callers holding every pooled connection while they wait for it cannot
 * starve it. (The record is committed in the writer's transaction, not the caller's: it stays even if
 * the caller's transaction then rolls back, which is what an attempt's record should do.)
 *
 * <p>Thread-safe. {@link #append} blocks until the record is committed together with those of other
 * callers (group commit), at most the configured bounded wait. When it returns, the record is durable:
 * committed (on H2, written to the database file and found again after a {@code kill -9}; on
 * PostgreSQL, as durable as its commit) and its chain's new head synced to the witness file outside
 * the database, against which {@code verify} checks the chain's tail.
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
