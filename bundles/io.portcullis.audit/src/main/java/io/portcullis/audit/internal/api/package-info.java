/**
 * Reading the audit log over HTTP (query, JSON Lines export, chain verification, retention) and
 * retention pruning. Nothing here writes a record except through {@link io.portcullis.audit.AuditLog}.
 */
@NullMarked
package io.portcullis.audit.internal.api;

import org.jspecify.annotations.NullMarked;
