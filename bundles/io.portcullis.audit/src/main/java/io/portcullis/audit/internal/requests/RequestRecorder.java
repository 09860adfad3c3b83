package io.portcullis.audit.internal.requests;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.StatusReasons;
import io.portcullis.web.AuditedRequest;
import io.portcullis.web.Caller;
import io.portcullis.web.RequestAudit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Puts each API request the web layer reports on the record: an {@value #REQUEST} record on the
 * caller's workspace chain (the platform chain for the platform administrator and for requests
 * without a caller), or an {@value #AUTH_FAILURE} record on the platform chain when the request's
 * credential was missing or refused, whose only actor is the client's address. The target is the
 * method and route template, never the raw path, query or body; the outcome is the status's decision
 * and reason code.
 *
 * <p>An {@link AuditUnavailableException} reaches the web layer, whose failure policy answers a read
 * 503 and logs any other request.
 */
@Component(service = RequestAudit.class)
public final class RequestRecorder implements RequestAudit {

    static final String REQUEST = "http.request";
    static final String AUTH_FAILURE = "auth.failure";

    private final AuditLog log;

    @Activate
    public RequestRecorder(@Reference AuditLog log) {
        this.log = log;
    }

    @Override
    public void record(AuditedRequest request) throws AuditUnavailableException {
        log.append(event(request));
    }

    /** The record of {@code request}. */
    static AuditEvent event(AuditedRequest request) {
        Caller caller = request.caller();
        boolean authenticationFailure = request.authenticationFailed() && caller == null;
        int status = request.status();
        return new AuditEvent(
                caller == null ? null : caller.workspaceId().orElse(null),
                caller == null ? anonymous(request) : actor(caller),
                authenticationFailure ? AUTH_FAILURE : REQUEST,
                request.method() + " " + request.route(),
                StatusReasons.decision(status),
                StatusReasons.code(status),
                null,
                null, // nothing of the request is an argument: its body and query may hold secrets
                status,
                request.latencyMillis(),
                request.requestId());
    }

    /** The caller as the authenticator describes it; its id stands in for what it does not say. */
    static Actor actor(Caller caller) {
        return Actor.of(caller);
    }

    /** Nobody known: only the address the request came from. */
    static Actor anonymous(AuditedRequest request) {
        return new Actor(Actor.ANONYMOUS, "address:" + request.clientAddress(), null);
    }
}
