package io.portcullis.vault.internal.keys;

/**
 * The vault cannot start with the master key it was given: a one-line reason that names the variable
 * or file to fix, and never a key.
 */
final class MasterKeyException extends Exception {

    private static final long serialVersionUID = 1L;

    MasterKeyException(String message) {
        super(message, null, false, false);
    }
}
