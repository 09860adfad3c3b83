package io.portcullis.vault.internal.credentials;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.audit.OutcomeRecorder;
import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialException.Reason;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.Caller;
import java.sql.SQLException;
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

    static final String USE = "credential.use";

    private static final Logger LOG = LoggerFactory.getLogger(CredentialAudit.class);

    private final AuditLog log;

    private final OutcomeRecorder recorder;

    CredentialAudit(AuditLog log) {
        this.log = log;
        this.recorder = new OutcomeRecorder(log);
    }

    /** Runs a change by the request's caller and records its outcome (see {@link OutcomeRecorder#change}). */
    <T> T change(
            ApiRequest request,
            String workspaceId,
            String action,
            String credentialId,
            @Nullable String arguments,
            OutcomeRecorder.Change<T> change)
            throws SQLException {
        return recorder.change(
                new AuditEvent(
                        workspaceId,
                        actor(request.caller()),
                        action,
                        target(credentialId),
                        Decision.ALLOWED,
                        null,
                        null,
                        arguments,
                        null,
                        null,
                        request.requestId()),
                change);
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
            LOG.warn(
                    "Use of credential '{}' by '{}' refused: it could not be recorded ({})",
                    use.credentialId(),
                    use.pluginId(),
                    e.getMessage());
            throw new CredentialException(use.credentialId(), Reason.UNAVAILABLE, "the use could not be recorded");
        }
    }

    /** As {@link #failed(Use, Decision, String, String)}, outside any request. */
    void failed(
            String workspaceId,
            String pluginId,
            String credentialId,
            @Nullable String requestId,
            Decision decision,
            String reasonCode,
            String reasonText) {
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
            LOG.warn(
                    "Failed use of credential '{}' by '{}' ({}) could not be recorded ({})",
                    use.credentialId(),
                    use.pluginId(),
                    reasonCode,
                    e.getMessage());
        }
    }

    static Actor actor(Caller caller) {
        return Actor.of(caller);
    }

    static String target(String credentialId) {
        return "credential:" + credentialId;
    }

    private static AuditEvent useEvent(Use use, Decision decision, String reasonCode, @Nullable String reasonText) {
        return new AuditEvent(
                use.workspaceId(),
                new Actor(Actor.PLUGIN, use.pluginId(), null),
                USE,
                target(use.credentialId()),
                decision,
                reasonCode,
                reasonText,
                null,
                null,
                null,
                use.requestId());
    }
}
