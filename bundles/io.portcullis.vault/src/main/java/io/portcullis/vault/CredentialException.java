package io.portcullis.vault;

/**
 * A credential could not be used. The message names the credential id and the reason, never a value.
 */
public final class CredentialException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a credential could not be used. */
    public enum Reason {
        /** No such credential in the workspace, or not bound to the plugin asking. */
        NOT_FOUND,
        /** Past its expiry. */
        EXPIRED,
        /** The caller lacks the scope the operation needs ({@code vault.reveal}). */
        DENIED,
        /** The stored ciphertext does not authenticate: altered, moved, or its data key is gone. */
        TAMPERED,
        /**
         * The use could not be put on the audit record (the log is behind or down): nothing was
         * decrypted and no value is returned. Worth retrying later; no verdict on the caller.
         *
         * @since 1.1
         */
        UNAVAILABLE
    }

    private final String credentialId;
    private final Reason reason;

    public CredentialException(String credentialId, Reason reason, String message) {
        super("credential '" + credentialId + "': " + message);
        this.credentialId = credentialId;
        this.reason = reason;
    }

    public String credentialId() {
        return credentialId;
    }

    public Reason reason() {
        return reason;
    }
}
