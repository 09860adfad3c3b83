package io.portcullis.spi;

/** The egress guard refused a request, or the request failed. The message names no secret. */
public class EgressException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request did not produce a response. */
    public enum Reason {
        /** The guard refused it: scheme, address, host list, credential host, missing scope. */
        REFUSED,
        /** The deadline or a timeout passed. */
        TIMEOUT,
        /** The response exceeded the size cap. */
        TOO_LARGE,
        /** The connection or the exchange failed. */
        FAILED
    }

    private final Reason reason;

    public EgressException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
