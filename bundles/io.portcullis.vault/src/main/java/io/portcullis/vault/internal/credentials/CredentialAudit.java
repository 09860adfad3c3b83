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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the vault's changes and credential uses on the record of the credential's workspace, before
 * they happen and outside any transaction (appending inside one would hold a pool connection while
 * the audit writer waits for one). What cannot be recorded does not happen: a change answers 503, a
 * use is {@link Reason#UNAVAILABLE} and decrypts nothing. Records name the credential by id and carry
 * only non-secret arguments (name, kind, plugin), never a value.
 */
final class CredentialAudit {

    static final String UNAVAILABLE = "The change could not be put on the record; nothing was changed.";
    static final String USE = "credential.use";

    private static final Logger LOG = LoggerFactory.getLogger(CredentialAudit.class);

    private final AuditLog log;

    CredentialAudit(AuditLog log) {
        this.log = log;
    }

    /**
     * Records a change by the request's caller as allowed (the route's permission held; the outcome is
     * in the web layer's {@code http.request} record of the same request id).
     *
     * @throws ProblemException 503 when it could not be recorded: the change must not be made
     */
    void change(ApiRequest request, String workspaceId, String action, String credentialId,
            @Nullable String arguments) {
        AuditEvent event = new AuditEvent(workspaceId, actor(request.caller()), action, target(credentialId),
                Decision.ALLOWED, null, null, arguments, null, null, request.requestId());
        try {
            log.append(event);
        } catch (AuditUnavailableException e) {
            LOG.warn("{} of credential '{}' not done: it could not be recorded ({})", action, credentialId,
                    e.getMessage());
            throw new ProblemException(503, "Service Unavailable", UNAVAILABLE);
        }
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
