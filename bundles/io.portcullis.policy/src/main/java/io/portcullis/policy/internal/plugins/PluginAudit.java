package io.portcullis.policy.internal.plugins;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every plugin transition on the record: the attempt before it acts (platform chain for the
 * plugin's lifecycle, the workspace's chain for enablement and policy), and the outcome the gate
 * decided after it (rejected, pending, active, failed) or, for an attempt refused or failed once
 * tried, that refusal under the attempt's action ({@link #refused}). An attempt that cannot be
 * recorded is not made.
 */
final class PluginAudit {

    private static final Logger LOG = LoggerFactory.getLogger(PluginAudit.class);

    private final AuditLog log;

    PluginAudit(AuditLog log) {
        this.log = log;
    }

    /**
     * Records an attempt; throws {@code UNAVAILABLE} when it cannot, and then nothing may change. The
     * arguments are only HMACed by the log; {@code detail} is stored readable (redacted), so it carries
     * what an auditor must read, such as the scopes granted.
     */
    void attempt(
            @Nullable String workspaceId,
            Actor actor,
            String action,
            String pluginId,
            Map<String, String> arguments,
            @Nullable String detail)
            throws PluginException {
        try {
            log.append(new AuditEvent(
                    workspaceId,
                    actor,
                    action,
                    "plugin:" + pluginId,
                    Decision.ALLOWED,
                    null,
                    detail,
                    canonical(arguments),
                    null,
                    null,
                    null));
        } catch (AuditUnavailableException e) {
            LOG.warn("{} of plugin '{}' not done: it could not be recorded ({})", action, pluginId, e.getMessage());
            throw new PluginException(
                    PluginException.Reason.UNAVAILABLE,
                    "The change could not be put on the record; nothing was changed.");
        }
    }

    /** Records what the gate decided about a plugin; a failure to record is logged, the state stands. */
    void outcome(Actor actor, PluginRecord plugin) {
        Decision decision = switch (plugin.status()) {
            case REJECTED -> Decision.DENIED;
            case FAILED -> Decision.ERROR;
            default -> Decision.ALLOWED;
        };
        String reasons = String.join(" ", plugin.reasons());
        try {
            log.append(new AuditEvent(
                    null,
                    actor,
                    "plugin." + plugin.status().id(),
                    "plugin:" + plugin.id(),
                    decision,
                    plugin.status().id(),
                    reasons.isEmpty() ? null : reasons,
                    canonical(Map.of("version", plugin.version(), "sha256", plugin.sha256())),
                    null,
                    null,
                    null));
        } catch (AuditUnavailableException e) {
            LOG.warn(
                    "Plugin '{}' is now {}, but that could not be recorded ({})",
                    plugin.id(),
                    plugin.status().id(),
                    e.getMessage());
        }
    }

    /**
     * Records on the workspace's chain that the plugin was disabled there because its grant was revoked.
     * A failure to record is logged: the revocation stands, since refusing it would keep the plugin running.
     */
    void disabledByRevocation(String workspaceId, Actor actor, String pluginId) {
        try {
            log.append(new AuditEvent(
                    workspaceId,
                    actor,
                    "plugin.disable",
                    "plugin:" + pluginId,
                    Decision.ALLOWED,
                    "revoked",
                    "Disabled here because the platform administrator revoked the plugin's grant; after a"
                            + " new grant, a workspace admin enables it again.",
                    null,
                    null,
                    null,
                    null));
        } catch (AuditUnavailableException e) {
            LOG.warn(
                    "Plugin '{}' was disabled in workspace '{}' by its revocation, but that could not be recorded ({})",
                    pluginId,
                    workspaceId,
                    e.getMessage());
        }
    }

    /**
     * Records an attempt refused or failed once tried ({@code denied} with the refusal's reason and
     * status, {@code error} for an unexpected failure), so that no attempt is left looking allowed.
     * Nothing more is done either way: one that cannot be recorded is logged.
     */
    void refused(@Nullable String workspaceId, Actor actor, String action, String pluginId, Exception failure) {
        Decision decision = Decision.ERROR;
        String code = "failed";
        int status = 500;
        String detail = failure.getClass().getSimpleName();
        if (failure instanceof PluginException refusal) {
            decision = Decision.DENIED;
            code = refusal.reason().name().toLowerCase(java.util.Locale.ROOT);
            status = switch (refusal.reason()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case INVALID -> 400;
                case TOO_LARGE -> 413;
                case UNAVAILABLE -> 503;
            };
            detail = refusal.getMessage();
        }
        try {
            log.append(new AuditEvent(
                    workspaceId,
                    actor,
                    action,
                    "plugin:" + pluginId,
                    decision,
                    code,
                    detail,
                    null,
                    status,
                    null,
                    null));
        } catch (AuditUnavailableException e) {
            LOG.warn(
                    "Refused {} of plugin '{}' ({}) could not be recorded ({})",
                    action,
                    pluginId,
                    code,
                    e.getMessage());
        }
    }

    /** Sorted {@code key=value} pairs: the canonical text the log HMACs. */
    private static String canonical(Map<String, String> arguments) {
        return new TreeMap<>(arguments)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }
}
