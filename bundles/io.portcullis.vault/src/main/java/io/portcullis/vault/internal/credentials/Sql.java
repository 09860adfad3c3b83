package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Jdbc;

/**
 * The credential store's own part of the JDBC helpers (the generic ones are the store's
 * {@link Jdbc}): the scope setting.
 */
final class Sql {

    /** Transaction-local setting that lets the start-up load read every workspace's rows (PostgreSQL). */
    static final String SCOPE_SETTING = "portcullis.vault_scope";

    private Sql() {}
}
