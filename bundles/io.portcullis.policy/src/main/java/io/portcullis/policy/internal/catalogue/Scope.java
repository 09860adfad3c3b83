package io.portcullis.policy.internal.catalogue;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One scope of the catalogue.
 *
 * @param name dotted lower-case words, such as {@code net.egress}
 * @param description one line for the administrator deciding on a grant
 * @param risk how much harm a plugin holding it can do
 * @param grantable false for capabilities no grant may allow (a plugin needing one is rejected)
 * @param available false for a scope of a feature this server does not have yet: nothing would enforce or
 *     serve it, so no grant may allow it whatever {@code grantable} says
 * @param note why an unavailable scope is not available (one line); {@code null} for an available one
 */
public record Scope(
        String name,
        String description,
        Risk risk,
        boolean grantable,
        boolean available,
        @Nullable String note) {

    /** The longest scope name. */
    public static final int MAX_NAME = 64;

    private static final Pattern NAME = Pattern.compile("[a-z]+(\\.[a-z]+)*");

    /** Risk levels, from the least to the most dangerous. */
    public enum Risk {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL;

        /** The name in the API and the catalogue file: {@code low}, {@code medium}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Risk> parse(String id) {
            for (Risk risk : values()) {
                if (risk.id().equals(id)) {
                    return Optional.of(risk);
                }
            }
            return Optional.empty();
        }
    }

    public Scope {
        if (!validName(name)) {
            throw new IllegalArgumentException("scope name must be dotted lower-case words, was '" + name + "'");
        }
        if (description.isBlank() || description.lines().count() != 1) {
            throw new IllegalArgumentException("scope " + name + " needs a one-line description");
        }
        if (available != (note == null)
                || (note != null && (note.isBlank() || note.lines().count() != 1))) {
            throw new IllegalArgumentException(
                    "scope " + name + " needs a one-line note if and only if it is unavailable");
        }
    }

    /** An available scope. */
    public Scope(String name, String description, Risk risk, boolean grantable) {
        this(name, description, risk, grantable, true, null);
    }

    /** True if a grant may allow it on this server: available, and grantable. */
    public boolean grantableHere() {
        return available && grantable;
    }

    /**
     * True for a string of scope-name syntax: lower-case words joined by dots, at most {@value #MAX_NAME}
     * characters. Says nothing about whether the catalogue knows it.
     */
    public static boolean validName(@Nullable String name) {
        return name != null && name.length() <= MAX_NAME && NAME.matcher(name).matches();
    }
}
