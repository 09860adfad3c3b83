package io.portcullis.tenancy.internal;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts tenancy's changes on the record with their outcome, not the decision taken before acting. A
 * change that succeeds is recorded {@code allowed} inside its own transaction, after its statements
 * and before the commit: if the record cannot be committed, the change rolls back and the route
 * answers 503, so every acknowledged change is on the record and nothing unrecorded happens. A change
 * that is refused or fails once tried (403, 404, 409, 400) rolled back and is recorded {@code denied}
 * with its reason code and status; an unexpected failure is recorded {@code error}.
 *
 * <p>Why inside the transaction, against {@link AuditLog}'s general advice: recording first told the
 * log "allowed" for changes that then answered 404 or 409. The cost is a pooled connection held while
 * the writer commits, and the writer needs a connection of the same pool: were every pooled connection
 * so held, no record would commit until the appends timed out. So one change at a time runs its
 * transaction ({@link #IN_TRANSACTION}): with a pool of two or more the writer always finds one.
 * Tenancy's changes are rare administrative acts of milliseconds; taking turns costs them nothing.
 */
final class AuditTrail {

    static final String UNAVAILABLE = "The change could not be put on the record; nothing was changed.";

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /** Changes that may hold a connection while their record commits: fewer than any pool's connections. */
    private static final Semaphore IN_TRANSACTION = new Semaphore(1, true);

    /**
     * What is attempted, on which chain ({@code workspaceId}), by whom and on what; never a secret.
     * {@code note}, if any, is the reason code and text its success is recorded with (an owner making a
     * key for another member, say), so that such acts can be found.
     */
    record Attempt(
            @Nullable String workspaceId,
            Actor actor,
            String action,
            String target,
            @Nullable String arguments,
            String requestId,
            @Nullable String noteCode,
            @Nullable String noteText) {

        Attempt(@Nullable String workspaceId, Actor actor, String action, String target, @Nullable String arguments,
                String requestId) {
            this(workspaceId, actor, action, target, arguments, requestId, null, null);
        }

        Attempt noted(String code, String text) {
            return new Attempt(workspaceId, actor, action, target, arguments, requestId, code, text);
        }

        AuditEvent event(Decision decision, @Nullable String reasonCode, @Nullable String reasonText,
                @Nullable Integer status) {
            return new AuditEvent(workspaceId, actor, action, target, decision, reasonCode, reasonText, arguments,
                    status, null, requestId);
        }
    }

    /** Work that a refusal may interrupt, run outside the trail's own calls. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * A change in one transaction that calls {@code record} after its statements, before it commits;
     * {@code record} throws (503) when the record cannot be committed, which rolls the change back.
     */
    @FunctionalInterface
    interface Change<T> {
        T run(Runnable record) throws SQLException;
    }

    /** The 503 of a change that could not be recorded: nothing changed, and there is nothing more to record. */
    static final class Unrecorded extends ProblemException {

        private static final long serialVersionUID = 1L;

        Unrecorded() {
            super(503, "Service Unavailable", UNAVAILABLE);
        }
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
        return new Unrecorded();
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
     * Runs {@code change}, which records its success inside its transaction (see {@link Change}); a
     * problem it answers is recorded as denied, any other failure as an error, and rethrown.
     *
     * @throws ProblemException 503 when the success could not be recorded; the change rolled back
     */
    <T> T run(Attempt attempt, Change<T> change) throws SQLException {
        Runnable record = () -> append(attempt.event(Decision.ALLOWED, attempt.noteCode(), attempt.noteText(), null));
        try {
            return inTurn(change, record);
        } catch (Unrecorded e) {
            throw e;
        } catch (ProblemException problem) { // rolled back; recorded outside the transaction and the turn
            throw denied(attempt, problem);
        } catch (SQLException | RuntimeException e) {
            failed(attempt, e);
            throw e;
        }
    }

    private static <T> T inTurn(Change<T> change, Runnable record) throws SQLException {
        try {
            IN_TRANSACTION.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        try {
            return change.run(record);
        } finally {
            IN_TRANSACTION.release();
        }
    }

    /**
     * Records a refusal found after a change ran and changed nothing (a rename of no workspace, say),
     * and returns it to be thrown.
     */
    ProblemException refused(Attempt attempt, ProblemException problem) {
        return denied(attempt, problem);
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
     * Records a refusal, or a problem met while trying, and returns it to be thrown. Nothing changed
     * either way, so one that cannot be recorded is still answered as it is, and logged rather than
     * dropped silently.
     */
    private ProblemException denied(Attempt attempt, ProblemException problem) {
        String code = problem instanceof Problems.Refusal refusal ? refusal.reasonCode() : reasonCode(problem.status());
        appendQuietly(attempt.event(Decision.DENIED, code, problem.detail(), problem.status()));
        return problem;
    }

    private void failed(Attempt attempt, Exception e) {
        appendQuietly(attempt.event(Decision.ERROR, "failed", e.getClass().getSimpleName(), 500));
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
}
