package io.portcullis.models.internal.metering;

import java.sql.SQLException;

/** The database failed: the metering step did not happen (its transaction rolled back). */
public final class MeteringException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MeteringException(String message, SQLException cause) {
        super(message, cause);
    }
}
