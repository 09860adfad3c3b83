package io.portcullis.audit;

/**
 * The record could not be committed within the log's bounded wait (writer behind, database down). The
 * action it was for must not run: Portcullis fails closed when it cannot keep a record.
 */
public final class AuditUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message) {
        super(message);
    }

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
