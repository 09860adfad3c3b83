/**
 * The store's contracts: the database engine in use and workspace-scoped transactions. Bundles that
 * own tables declare {@value Database#SCHEMA_HEADER} in their manifest and ship Flyway migrations
 * under {@code db/migration/}; the store migrates them when they start and only then registers a
 * {@link Database} for them.
 *
 * <p>{@link Jdbc} and {@link Ids} are helpers for the SQL such bundles run in their transactions.
 */
@Export
@Version("1.2.0")
@NullMarked
package io.portcullis.store;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
