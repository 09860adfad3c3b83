package io.portcullis.hosts;

/** A host could not be started; the message says why and names no secret. */
public final class HostException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The configured isolation cannot run on this machine (bubblewrap missing, user namespaces off, production profile); the message says how to fix it. */
        UNAVAILABLE,
        /** The jar's bytes are not the granted bytes. */
        TAMPERED,
        /** A tool name of the plugin is held by another running plugin. */
        CONFLICT,
        /** The host did not start or become ready in time. */
        FAILED
    }

    private final Reason reason;

    public HostException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
