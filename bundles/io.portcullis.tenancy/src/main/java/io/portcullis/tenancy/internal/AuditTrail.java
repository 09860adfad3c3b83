package io.portcullis.tenancy.internal;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts tenancy's changes on the record before they happen. A change is appended first, outside any
 * transaction (appending inside one would hold a pool connection while the audit writer waits for
 * one), and runs only once its record is committed: if it cannot be recorded, the route answers 503
 * and nothing is changed. The record states the attempt ({@code allowed}: the route's permission
 * held); its outcome is in the web bundle's {@code http.request} record of the same request id. A
 * refusal tenancy decides itself (a {@link Problems.Refusal}) is recorded as {@code denied} with its
 * reason code, then answered as before.
 */
final class AuditTrail {

    static final String UNAVAILABLE = "The change could not be put on the record; nothing was changed.";

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /** What is attempted, on which chain ({@code workspaceId}), by whom and on what; never a secret. */
    record Attempt(
            @Nullable String workspaceId,
            Actor actor,
            String action,
            String target,
            @Nullable String arguments,
            String requestId) {

        AuditEvent event(Decision decision, @Nullable String reasonCode, @Nullable String reasonText) {
            return new AuditEvent(workspaceId, actor, action, target, decision, reasonCode, reasonText, arguments,
                    null, null, requestId);
        }
    }

    /** Work that a refusal may interrupt, run outside the trail's own calls. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    /** An attempt by the request's caller, under the request's id. */
    static Attempt attempt(ApiRequest request, @Nullable String workspaceId, String action, String target,
            @Nullable String arguments) {
        return new Attempt(workspaceId, Callers.actor(request.caller()), action, target, arguments,
                request.requestId());
    }

    /** The 503 answered when a change cannot be recorded. */
    static ProblemException unavailable() {
        return new ProblemException(503, "Service Unavailable", UNAVAILABLE);
    }

    /**
     * Runs a check that needs no change (the caller's role against the one asked for, say): a
     * {@link Problems.Refusal} is recorded as denied and rethrown; nothing is recorded otherwise.
     */
    <T> T checked(Attempt attempt, Work<T> check) throws SQLException {
        try {
            return check.run();
        } catch (Problems.Refusal refusal) {
            throw denied(attempt, refusal);
        }
    }

    /**
     * Records {@code attempt} as allowed, then runs {@code change} (which opens its own transaction); a
     * {@link Problems.Refusal} it throws is recorded as denied and rethrown.
     *
     * @throws ProblemException 503 when the attempt could not be recorded; {@code change} did not run
     */
    <T> T run(Attempt attempt, Work<T> change) throws SQLException {
        append(attempt.event(Decision.ALLOWED, null, null));
        try {
            return change.run();
        } catch (Problems.Refusal refusal) {
            throw denied(attempt, refusal);
        }
    }

    /** Records {@code attempt} as allowed, or answers 503; for changes that cannot be refused. */
    void allowed(Attempt attempt) {
        append(attempt.event(Decision.ALLOWED, null, null));
    }

    private void append(AuditEvent event) {
        try {
            log.append(event);
        } catch (AuditUnavailableException e) {
            LOG.warn("{} on '{}' not done: it could not be recorded ({})", event.action(), event.target(),
                    e.getMessage());
            throw unavailable();
        }
    }

    /**
     * Records a refusal and returns it to be thrown. Nothing changed either way, so a refusal that
     * cannot be recorded is still answered as it is, and logged rather than dropped silently.
     */
    private ProblemException denied(Attempt attempt, Problems.Refusal refusal) {
        try {
            log.append(attempt.event(Decision.DENIED, refusal.reasonCode(), refusal.detail()));
        } catch (AuditUnavailableException e) {
            LOG.warn("Refusal of {} on '{}' ({}) could not be recorded ({})", attempt.action(), attempt.target(),
                    refusal.reasonCode(), e.getMessage());
        }
        return refusal;
    }
}
