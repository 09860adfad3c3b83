/**
 * The durable group-commit writer behind {@link io.portcullis.audit.AuditLog}: callers enqueue prepared
 * events and wait; one thread commits them in batches, chaining each record to the previous one of its
 * chain, and acknowledges them only after the commit.
 */
@NullMarked
package io.portcullis.audit.internal.writer;

import org.jspecify.annotations.NullMarked;
