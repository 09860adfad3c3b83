/**
 * The store's implementation: the pooled {@code DataSource}, the migration extender and the
 * transactions behind {@link io.portcullis.store.Database}. Never exported.
 */
@NullMarked
package io.portcullis.store.internal;

import org.jspecify.annotations.NullMarked;
