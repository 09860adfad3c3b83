package io.portcullis.store.internal;

/**
 * The store cannot start: invalid configuration, a data folder it cannot write, a database it
 * cannot reach. The message is one line, names what to fix, and never holds a secret.
 */
final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
