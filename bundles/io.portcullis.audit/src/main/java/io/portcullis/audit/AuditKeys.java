package io.portcullis.audit;

import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keys the HMAC of a record's arguments, per workspace, so that equal arguments correlate within a
 * workspace without being stored. Implemented by the vault (a key derived from the workspace's data
 * key); the audit log does not start without it.
 */
@ConsumerType
public interface AuditKeys {

    /** HMAC-SHA256 of {@code data} under the audit key of {@code workspaceId} (null: the platform's). */
    byte[] hmac(@Nullable String workspaceId, byte[] data);
}
