package io.portcullis.tenancy.internal;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.Decision;
import io.portcullis.audit.OutcomeRecorder;
import io.portcullis.audit.StatusReasons;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Puts tenancy's changes on the record with their outcome, through the audit bundle's
 * {@link OutcomeRecorder}: a success inside its transaction before the commit, a refusal or failure
 * once tried as {@code denied} or {@code error}. A {@link Problems.Refusal} carries its own reason code.
 */
final class AuditTrail {

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

        Attempt(
                @Nullable String workspaceId,
                Actor actor,
                String action,
                String target,
                @Nullable String arguments,
                String requestId) {
            this(workspaceId, actor, action, target, arguments, requestId, null, null);
        }

        Attempt noted(String code, String text) {
            return new Attempt(workspaceId, actor, action, target, arguments, requestId, code, text);
        }

        AuditEvent event(
                Decision decision, @Nullable String reasonCode, @Nullable String reasonText, @Nullable Integer status) {
            return new AuditEvent(
                    workspaceId,
                    actor,
                    action,
                    target,
                    decision,
                    reasonCode,
                    reasonText,
                    arguments,
                    status,
                    null,
                    requestId);
        }
    }

    /** Work that a refusal may interrupt, run outside the trail's own calls. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final OutcomeRecorder recorder;

    AuditTrail(AuditLog log) {
        this.recorder = new OutcomeRecorder(log, AuditTrail::reasonCode);
    }

    /** An attempt by the request's caller, under the request's id. */
    static Attempt attempt(
            ApiRequest request,
            @Nullable String workspaceId,
            String action,
            String target,
            @Nullable String arguments) {
        return new Attempt(
                workspaceId, Callers.actor(request.caller()), action, target, arguments, request.requestId());
    }

    /**
     * Runs a check that needs no change (the caller's role against the one asked for, say): a
     * {@link Problems.Refusal} is recorded as denied and rethrown; nothing is recorded otherwise.
     */
    <T> T checked(Attempt attempt, Work<T> check) throws SQLException {
        try {
            return check.run();
        } catch (Problems.Refusal refusal) {
            throw refused(attempt, refusal);
        }
    }

    /** Runs {@code change} and records its outcome (see {@link OutcomeRecorder#change}). */
    <T> T run(Attempt attempt, OutcomeRecorder.Change<T> change) throws SQLException {
        return recorder.change(attempt.event(Decision.ALLOWED, attempt.noteCode(), attempt.noteText(), null), change);
    }

    /**
     * Records a refusal found after a change ran and changed nothing (a rename of no workspace, say),
     * and returns it to be thrown.
     */
    ProblemException refused(Attempt attempt, ProblemException problem) {
        return recorder.refused(attempt.event(Decision.DENIED, null, null, null), problem);
    }

    private static String reasonCode(ProblemException problem) {
        return problem instanceof Problems.Refusal refusal
                ? refusal.reasonCode()
                : Objects.requireNonNull(StatusReasons.code(problem.status()));
    }
}
