/**
 * The audit log's contracts: {@link io.portcullis.audit.AuditLog}, which every core bundle calls to
 * put an attempt on the record before it acts, and {@link io.portcullis.audit.AuditKeys}, which the
 * vault implements to key the HMAC of a record's arguments per workspace.
 */
@Export
@Version("1.0.0")
@NullMarked
package io.portcullis.audit;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
