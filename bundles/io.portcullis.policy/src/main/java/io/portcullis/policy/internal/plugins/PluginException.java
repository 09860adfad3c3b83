package io.portcullis.policy.internal.plugins;

/** An administration request the gate refuses; the message is safe to show to the caller. */
public final class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Maps to the HTTP status of the problem response. */
    public enum Reason {
        /** 404: no such plugin (or not visible to the caller). */
        NOT_FOUND,
        /** 409: the plugin's status does not allow it (granting a rejected plugin, enabling an inactive one). */
        CONFLICT,
        /** 400: the request is malformed: not a jar, no manifest, a scope list that differs from the request. */
        INVALID,
        /** 413: the upload is over the limit. */
        TOO_LARGE,
        /** 503: the change could not be put on the audit record, so it was not made. */
        UNAVAILABLE
    }

    private final Reason reason;

    public PluginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
