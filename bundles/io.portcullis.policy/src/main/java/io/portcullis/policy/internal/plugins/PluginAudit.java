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
 * decided after it (rejected, pending, active, failed). An attempt that cannot be recorded is not made.
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
    void attempt(@Nullable String workspaceId, Actor actor, String action, String pluginId, Map<String, String> arguments,
            @Nullable String detail) throws PluginException {
        try {
            log.append(new AuditEvent(workspaceId, actor, action, "plugin:" + pluginId, Decision.ALLOWED, null, detail,
                    canonical(arguments), null, null, null));
        } catch (AuditUnavailableException e) {
            LOG.warn("{} of plugin '{}' not done: it could not be recorded ({})", action, pluginId, e.getMessage());
            throw new PluginException(PluginException.Reason.UNAVAILABLE,
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
            log.append(new AuditEvent(null, actor, "plugin." + plugin.status().id(), "plugin:" + plugin.id(), decision,
                    plugin.status().id(), reasons.isEmpty() ? null : reasons,
                    canonical(Map.of("version", plugin.version(), "sha256", plugin.sha256())), null, null, null));
        } catch (AuditUnavailableException e) {
            LOG.warn("Plugin '{}' is now {}, but that could not be recorded ({})", plugin.id(), plugin.status().id(),
                    e.getMessage());
        }
    }

    /** Sorted {@code key=value} pairs: the canonical text the log HMACs. */
    private static String canonical(Map<String, String> arguments) {
        return new TreeMap<>(arguments).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }
}
