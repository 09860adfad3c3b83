package io.portcullis.tenancy;

import java.util.Locale;
import java.util.Optional;

/**
 * The role of a workspace member or API key, from the most to the least powerful:
 * {@code owner > admin > operator > viewer}. Nobody grants a role above their own.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN,
    OWNER;

    /** The name used in the API and the database: {@code owner}, {@code admin}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 1 for viewer up to 4 for owner. */
    public int rank() {
        return ordinal() + 1;
    }

    /** True when this role is {@code other} or above it. */
    public boolean atLeast(Role other) {
        return rank() >= other.rank();
    }

    /** The lower of two roles. */
    public static Role min(Role a, Role b) {
        return a.rank() <= b.rank() ? a : b;
    }

    /** The role named exactly by {@code id} (lower case), or empty. */
    public static Optional<Role> parse(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
