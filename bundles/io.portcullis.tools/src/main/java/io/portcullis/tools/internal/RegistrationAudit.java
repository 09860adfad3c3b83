package io.portcullis.tools.internal;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.tools.internal.registry.ToolRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a refused tool service on the platform chain ({@code tool.register}, {@code error}, target
 * {@code plugin:<id>}): a plugin whose {@code descriptor()} throws or hangs is the platform admin's
 * business, who granted it. Nothing is acted on either way, so a record that cannot be written is logged.
 */
final class RegistrationAudit implements ToolRegistry.Refusals {

    static final String ACTION = "tool.register";

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationAudit.class);

    private final AuditLog log;

    RegistrationAudit(AuditLog log) {
        this.log = log;
    }

    @Override
    public void refused(String owner, String reasonCode, String detail) {
        try {
            log.append(new AuditEvent(
                    null,
                    Actor.system("tools"),
                    ACTION,
                    "plugin:" + owner,
                    Decision.ERROR,
                    reasonCode,
                    detail,
                    null,
                    502,
                    null,
                    null));
        } catch (AuditUnavailableException | RuntimeException e) {
            LOG.warn("Refused tool service of '{}' ({}) could not be recorded ({})", owner, reasonCode, e.getMessage());
        }
    }
}
