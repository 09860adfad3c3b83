package io.portcullis.web.internal;

/** A refusal decided inside the web layer whose problem needs headers ({@code WWW-Authenticate}, {@code Retry-After}). */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    Refusal(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
