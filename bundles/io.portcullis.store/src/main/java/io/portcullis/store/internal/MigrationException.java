package io.portcullis.store.internal;

/** A bundle's schema could not be migrated; says which migration and why, in one line. */
final class MigrationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String migration;
    private final String reason;

    MigrationException(String migration, String reason, Throwable cause) {
        super("migration " + migration + " failed: " + reason, cause);
        this.migration = migration;
        this.reason = reason;
    }

    /** The failing migration ({@code 2 (V2__tables.sql)}), or the step that failed before any ran. */
    String migration() {
        return migration;
    }

    String reason() {
        return reason;
    }
}
