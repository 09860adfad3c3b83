package io.portcullis.policy.internal.plugins;

import java.util.Locale;

/** Where a plugin stands, as the API shows it. */
public enum PluginStatus {
    /** Installed and scanned clean; its scopes await a grant. No code of it has run. */
    PENDING,
    /** Granted, resolved and started. */
    ACTIVE,
    /** Bad manifest, unknown or never-grantable scope, or the scan found undeclared capabilities. */
    REJECTED,
    /** Its grant was withdrawn: stopped and back to unresolved. */
    REVOKED,
    /** Granted, but it did not resolve or start; the reasons say why. */
    FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
