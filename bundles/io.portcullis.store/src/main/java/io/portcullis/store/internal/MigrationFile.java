package io.portcullis.store.internal;

/**
 * One migration script.
 *
 * @param path where it lives in its bundle, such as {@code db/migration/h2/V2__index.sql}
 * @param sql its content
 */
record MigrationFile(String path, String sql) {

    /** The file name, which Flyway parses for the version and description. */
    String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
