package io.portcullis.audit;

import io.portcullis.web.ProblemException;
import java.sql.SQLException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a change on the record with its outcome, not the decision taken before acting: the one way
 * tenancy and the vault record their changes.
 *
 * <p>A change that succeeds is recorded {@code allowed} inside its own transaction, after its
 * statements and before the commit: if the record cannot be committed the change rolls back and the
 * route answers 503, so every acknowledged change is on the record and nothing unrecorded happens.
 * Recording inside the transaction is safe because the writer commits on a connection of its own (see
 * {@link AuditLog}). A change refused or failing once tried (a problem such as 400, 404 or 409) rolled
 * back and is recorded {@code denied} with its reason code and status; any other failure {@code error}.
 */
public final class OutcomeRecorder {

    /** The detail of the 503 answered when a change could not be put on the record. */
    public static final String UNAVAILABLE = "The change could not be put on the record; nothing was changed.";

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

    /**
     * A change in one transaction that calls {@code record} after its statements, before it commits;
     * {@code record} throws (503) when the record cannot be committed, which rolls the change back.
     */
    @FunctionalInterface
    public interface Change<T> {
        T run(Runnable record) throws SQLException;
    }

    /** The 503 of a change that could not be recorded: nothing changed, and there is nothing more to record. */
    public static final class Unrecorded extends ProblemException {

        private static final long serialVersionUID = 1L;

        public Unrecorded() {
            super(503, "Service Unavailable", UNAVAILABLE);
        }
    }

    private final AuditLog log;
    private final Function<ProblemException, String> reasonCodes;

    /** A recorder whose refusals carry the reason code of their status ({@link StatusReasons}). */
    public OutcomeRecorder(AuditLog log) {
        this(log, problem -> StatusReasons.code(problem.status()));
    }

    /** A recorder whose refusals carry the reason code {@code reasonCodes} finds in each problem. */
    public OutcomeRecorder(AuditLog log, Function<ProblemException, String> reasonCodes) {
        this.log = log;
        this.reasonCodes = reasonCodes;
    }

    /**
     * Runs {@code change} and records its outcome as {@code attempt} with the decision, reason and status
     * it ended with; a problem or failure is rethrown after it is recorded.
     *
     * @throws Unrecorded when the success could not be recorded; the change rolled back
     */
    public <T> T change(AuditEvent attempt, Change<T> change) throws SQLException {
        AuditEvent allowed = attempt.outcome(Decision.ALLOWED, attempt.reasonCode(), attempt.reasonText(), null);
        Runnable record = () -> {
            try {
                log.append(allowed);
            } catch (AuditUnavailableException e) {
                LOG.warn(
                        "{} on '{}' not done: it could not be recorded ({})",
                        attempt.action(),
                        attempt.target(),
                        e.getMessage());
                throw new Unrecorded();
            }
        };
        try {
            return change.run(record);
        } catch (Unrecorded e) {
            throw e;
        } catch (ProblemException problem) { // rolled back: recorded outside the transaction
            throw refused(attempt, problem);
        } catch (SQLException | RuntimeException e) {
            appendQuietly(attempt.outcome(Decision.ERROR, "failed", e.getClass().getSimpleName(), 500));
            throw e;
        }
    }

    /**
     * Records {@code problem} as the refusal of {@code attempt} and returns it to be thrown. Nothing
     * changed, so one that cannot be recorded is still answered as it is, and logged rather than dropped.
     */
    public ProblemException refused(AuditEvent attempt, ProblemException problem) {
        appendQuietly(attempt.outcome(Decision.DENIED, reasonCodes.apply(problem), problem.detail(), problem.status()));
        return problem;
    }

    private void appendQuietly(AuditEvent event) {
        try {
            log.append(event);
        } catch (AuditUnavailableException e) {
            LOG.warn(
                    "Outcome {} of {} on '{}' could not be recorded ({})",
                    event.decision().id(),
                    event.action(),
                    event.target(),
                    e.getMessage());
        }
    }
}
