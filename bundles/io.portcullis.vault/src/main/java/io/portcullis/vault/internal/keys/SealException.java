package io.portcullis.vault.internal.keys;

/** A sealed value did not authenticate. The message never contains key material or plaintext. */
public final class SealException extends Exception {

    private static final long serialVersionUID = 1L;

    public SealException(String message) {
        super(message);
    }

    public SealException(String message, Throwable cause) {
        super(message, cause);
    }
}
