package io.portcullis.tools.internal.approvals;

import java.util.Locale;

/** Where an approval stands: {@code pending → approved | denied | expired}, {@code approved → executed | failed}. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    EXECUTED,
    FAILED;

    /** The name in the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ApprovalStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
