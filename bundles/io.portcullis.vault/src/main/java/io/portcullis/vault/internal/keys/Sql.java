package io.portcullis.vault.internal.keys;

import io.portcullis.store.Jdbc;

/** The key store's own part of the JDBC helpers (the generic ones are the store's {@link Jdbc}). */
final class Sql {

    /** Transaction-local setting that lets maintenance (rotation, start-up check) see every data key. */
    static final String SCOPE_SETTING = "portcullis.vault_scope";

    static final String ALL = "all";

    private Sql() {}
}
