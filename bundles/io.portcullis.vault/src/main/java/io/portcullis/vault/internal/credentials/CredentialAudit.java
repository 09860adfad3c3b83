package io.portcullis.vault.internal.credentials;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialException.Reason;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.Caller;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the vault's changes and credential uses on the record of the credential's workspace. A change
 * is recorded with its outcome (see {@link #change}); a use before anything is decrypted, outside any
 * transaction, and then its failure if it fails. What cannot be recorded does not happen: a change
 * answers 503 and rolls back, a use is {@link Reason#UNAVAILABLE} and decrypts nothing. Records name
 * the credential by id and carry only non-secret arguments (name, kind, plugin), never a value.
 */
final class CredentialAudit {

    static final String UNAVAILABLE = "The change could not be put on the record; nothing was changed.";
    static final String USE = "credential.use";

    private static final Logger LOG = LoggerFactory.getLogger(CredentialAudit.class);

    /** Changes that may hold a connection while their record commits: fewer than any pool's connections. */
    private static final Semaphore IN_TRANSACTION = new Semaphore(1, true);

    private final AuditLog log;

    CredentialAudit(AuditLog log) {
        this.log = log;
    }

    /** A change in one transaction that calls {@code record} after its statements, before it commits. */
    @FunctionalInterface
    interface Change<T> {
        T run(Runnable record) throws SQLException;
    }

    /** The 503 of a change whose record could not be committed: it rolled back, nothing more to record. */
    static final class Unrecorded extends ProblemException {

        private static final long serialVersionUID = 1L;

        Unrecorded() {
            super(503, "Service Unavailable", UNAVAILABLE);
        }
    }

    /**
     * Runs a change by the request's caller and records its outcome. Success is recorded
     * {@code allowed} inside the change's transaction, before its commit: a record that cannot be
     * committed rolls the change back (503), so every acknowledged change is on the record. A problem
     * the change answers (400, 404, 409) is recorded {@code denied} with its reason and status, any
     * other failure {@code error}; both changed nothing.
     *
     * <p>Inside the transaction, against {@link AuditLog}'s general advice, because recording first
     * told the log "allowed" for changes that then answered 404 or 409. A pooled connection is held
     * while the writer commits, and the writer may need one of the same pool: so one change at a time
     * runs its transaction ({@link #IN_TRANSACTION}, as tenancy does), and the writer always finds a
     * connection. Credential changes are rare administrative acts of milliseconds.
     */
    <T> T change(ApiRequest request, String workspaceId, String action, String credentialId,
            @Nullable String arguments, Change<T> change) throws SQLException {
        AuditEvent allowed = event(request, workspaceId, action, credentialId, arguments, Decision.ALLOWED, null,
                null, null);
        Runnable record = () -> {
            try {
                log.append(allowed);
            } catch (AuditUnavailableException e) {
                LOG.warn("{} of credential '{}' not done: it could not be recorded ({})", action, credentialId,
                        e.getMessage());
                throw new Unrecorded();
            }
        };
        try {
            return inTurn(change, record);
        } catch (Unrecorded e) {
            throw e;
        } catch (ProblemException problem) { // rolled back; recorded outside the transaction and the turn
            appendQuietly(event(request, workspaceId, action, credentialId, arguments, Decision.DENIED,
                    reasonCode(problem.status()), problem.detail(), problem.status()));
            throw problem;
        } catch (SQLException | RuntimeException e) {
            appendQuietly(event(request, workspaceId, action, credentialId, arguments, Decision.ERROR, "failed",
                    e.getClass().getSimpleName(), 500));
            throw e;
        }
    }

    private static <T> T inTurn(Change<T> change, Runnable record) throws SQLException {
        try {
            IN_TRANSACTION.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unrecorded();
        }
        try {
            return change.run(record);
        } finally {
            IN_TRANSACTION.release();
        }
    }

    private static AuditEvent event(ApiRequest request, String workspaceId, String action, String credentialId,
            @Nullable String arguments, Decision decision, @Nullable String reasonCode, @Nullable String reasonText,
            @Nullable Integer status) {
        return new AuditEvent(workspaceId, actor(request.caller()), action, target(credentialId), decision,
                reasonCode, reasonText, arguments, status, null, request.requestId());
    }

    private void appendQuietly(AuditEvent event) {
        try {
            log.append(event);
        } catch (AuditUnavailableException e) {
            LOG.warn("Outcome {} of {} on '{}' could not be recorded ({})", event.decision().id(), event.action(),
                    event.target(), e.getMessage());
        }
    }

    static String reasonCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            default -> "status_" + status;
        };
    }

    /**
     * Records a use by {@code pluginId} ({@code open} or {@code reveal}) as allowed, before anything is
     * decrypted.
     *
     * @throws CredentialException {@link Reason#UNAVAILABLE} when it could not be recorded
     */
    void use(Use use, String operation) throws CredentialException {
        try {
            log.append(useEvent(use, Decision.ALLOWED, operation, null));
        } catch (AuditUnavailableException e) {
            LOG.warn("Use of credential '{}' by '{}' refused: it could not be recorded ({})", use.credentialId(),
                    use.pluginId(), e.getMessage());
            throw new CredentialException(use.credentialId(), Reason.UNAVAILABLE, "the use could not be recorded");
        }
    }

    /** As {@link #failed(Use, Decision, String, String)}, outside any request. */
    void failed(String workspaceId, String pluginId, String credentialId, @Nullable String requestId,
            Decision decision, String reasonCode, String reasonText) {
        failed(new Use(workspaceId, pluginId, credentialId, requestId), decision, reasonCode, reasonText);
    }

    /**
     * Records a use that failed ({@code denied} or {@code error}). Nothing is returned either way, so a
     * failure that cannot be recorded is logged, not turned into another failure.
     */
    void failed(Use use, Decision decision, String reasonCode, String reasonText) {
        try {
            log.append(useEvent(use, decision, reasonCode, reasonText));
        } catch (AuditUnavailableException e) {
            LOG.warn("Failed use of credential '{}' by '{}' ({}) could not be recorded ({})", use.credentialId(),
                    use.pluginId(), reasonCode, e.getMessage());
        }
    }

    static Actor actor(Caller caller) {
        return Actor.of(caller);
    }

    static String target(String credentialId) {
        return "credential:" + credentialId;
    }

    private static AuditEvent useEvent(Use use, Decision decision, String reasonCode, @Nullable String reasonText) {
        return new AuditEvent(use.workspaceId(), new Actor(Actor.PLUGIN, use.pluginId(), null), USE,
                target(use.credentialId()), decision, reasonCode, reasonText, null, null, null, use.requestId());
    }
}
