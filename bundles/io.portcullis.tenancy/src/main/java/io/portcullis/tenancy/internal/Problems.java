package io.portcullis.tenancy.internal;

import io.portcullis.web.ProblemException;

/** The problems tenancy answers besides those {@link ProblemException} has factories for. */
final class Problems {

    private Problems() {}

    static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    static ProblemException aboveOwnRole() {
        return forbidden("Nobody can grant, or act on, a role above their own.");
    }

    static ProblemException lastOwner() {
        return ProblemException.conflict("The last owner of a workspace cannot be demoted or removed.");
    }
}
