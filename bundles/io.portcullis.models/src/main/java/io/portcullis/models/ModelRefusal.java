package io.portcullis.models;

/**
 * A model call that did not complete: a check refused it before the provider was called, or the
 * provider failed. The message is safe to show (no secret, no prompt).
 */
public class ModelRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, each with the HTTP status the API answers. */
    public enum Kind {
        /** No such profile in the workspace (404). */
        NOT_FOUND(404),
        /** The profile's plugin is not active or not enabled for the workspace (409). */
        PROVIDER_UNAVAILABLE(409),
        /** The model has no price: nobody may call it until the platform admin sets one (409). */
        UNPRICED(409),
        /** A burst limit (calls or tokens per minute) is reached (429, Retry-After). */
        RATE_LIMITED(429),
        /** The reservation does not fit the budget of the period (402). */
        BUDGET_EXHAUSTED(402),
        /** The request is not valid for the model (400): too long a prompt, a bad message order. */
        INVALID(400),
        /** The provider's API limited us (429 from it; 503 with its Retry-After). */
        PROVIDER_RATE_LIMITED(503),
        /** The provider failed, cut the stream or answered nonsense (502). */
        PROVIDER_FAILED(502),
        /** The call's deadline passed (504). */
        TIMEOUT(504);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status the API answers with. */
        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    public ModelRefusal(Kind kind, String message) {
        this(kind, message, 0);
    }

    public ModelRefusal(Kind kind, String message, long retryAfterSeconds) {
        super(message);
        this.kind = kind;
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
    }

    public Kind kind() {
        return kind;
    }

    /** Seconds to wait before trying again; 0 when it says nothing. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
