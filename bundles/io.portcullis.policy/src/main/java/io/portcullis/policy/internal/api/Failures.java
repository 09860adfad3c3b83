package io.portcullis.policy.internal.api;

import io.portcullis.policy.internal.plugins.PluginException;
import io.portcullis.web.ProblemException;

/**
 * The one place where the gate's refusals become problems: {@code NOT_FOUND} 404, {@code CONFLICT}
 * 409, {@code INVALID} 400, {@code TOO_LARGE} 413, each with the refusal's message as the detail (the
 * gate writes those for the caller: no path, no secret).
 */
final class Failures {

    /** A call into the gate that answers something. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws PluginException;
    }

    /** A call into the gate that answers nothing. */
    @FunctionalInterface
    interface Action {
        void run() throws PluginException;
    }

    private Failures() {}

    /** The answer of {@code call}, or its refusal as a problem. */
    static <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (PluginException e) {
            throw problem(e);
        }
    }

    /** Runs {@code action}; its refusal becomes a problem. */
    static void run(Action action) {
        try {
            action.run();
        } catch (PluginException e) {
            throw problem(e);
        }
    }

    static ProblemException problem(PluginException e) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        return switch (e.reason()) {
            case NOT_FOUND -> new ProblemException(404, "Not Found", detail);
            case CONFLICT -> ProblemException.conflict(detail);
            case INVALID -> ProblemException.badRequest(detail);
            case TOO_LARGE -> new ProblemException(413, "Content Too Large", detail);
            case UNAVAILABLE -> new ProblemException(503, "Service Unavailable", detail);
        };
    }
}
