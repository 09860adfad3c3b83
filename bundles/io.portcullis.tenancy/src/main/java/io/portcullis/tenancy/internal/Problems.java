package io.portcullis.tenancy.internal;

import io.portcullis.tenancy.Role;
import io.portcullis.web.ProblemException;

/** The problems tenancy answers besides those {@link ProblemException} has factories for. */
final class Problems {

    private Problems() {}

    /**
     * A refusal tenancy decides itself, beyond the route's permission: answered like any problem, and
     * put on the record as {@code denied} with {@link #reasonCode()}.
     */
    static final class Refusal extends ProblemException {

        private static final long serialVersionUID = 1L;

        private final String reasonCode;

        Refusal(int status, String title, String detail, String reasonCode) {
            super(status, title, detail);
            this.reasonCode = reasonCode;
        }

        String reasonCode() {
            return reasonCode;
        }
    }

    static Refusal forbidden(String detail, String reasonCode) {
        return new Refusal(403, "Forbidden", detail, reasonCode);
    }

    /** Acting on, or granting, {@code needed}: the caller's role is below it. */
    static Refusal aboveOwnRole(Role needed) {
        return forbidden(
                "Nobody can grant, or act on, a role above their own: this requires role " + needed.id() + ".",
                "above_own_role");
    }

    static Refusal lastOwner() {
        return new Refusal(
                409, "Conflict", "The last owner of a workspace cannot be demoted or removed.", "last_owner");
    }
}
