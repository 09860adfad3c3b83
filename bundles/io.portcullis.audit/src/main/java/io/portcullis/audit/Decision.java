package io.portcullis.audit;

import java.util.Locale;
import java.util.Optional;

/** What became of an attempt. */
public enum Decision {
    ALLOWED,
    DENIED,
    ERROR;

    /** The name used in the API and the database: {@code allowed}, {@code denied}, {@code error}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Decision> parse(String id) {
        for (Decision decision : values()) {
            if (decision.id().equals(id)) {
                return Optional.of(decision);
            }
        }
        return Optional.empty();
    }
}
