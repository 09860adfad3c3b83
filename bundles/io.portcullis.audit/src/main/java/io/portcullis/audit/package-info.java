/**
 * The audit log's contracts: {@link io.portcullis.audit.AuditLog}, which every core bundle calls to
 * put an attempt on the record; {@link io.portcullis.audit.OutcomeRecorder}, which records a change
 * with how it ended; {@link io.portcullis.audit.StatusReasons}, the one mapping of a status to a
 * decision and reason code; and {@link io.portcullis.audit.AuditKeys}, which the vault implements to
 * key the HMAC of a record's arguments per workspace.
 */
@Export
@Version("1.1.0")
@NullMarked
package io.portcullis.audit;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
