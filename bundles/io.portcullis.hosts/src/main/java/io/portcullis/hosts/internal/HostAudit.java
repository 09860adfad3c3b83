package io.portcullis.hosts.internal;

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
 * Puts the life of every plugin host on the platform chain, target {@code plugin:<id>}, actor the
 * system component {@value #ACTOR}: {@value #START} before a host is launched (not launched when it
 * cannot be recorded), {@value #READY} once it offers its services, {@value #FAIL} when it could not
 * start, {@value #EXIT} when a running host ended (crashed, killed hung, killed for memory, protocol
 * violation), {@value #STOP} when the core stopped it. Details are ids, pids, hashes and the
 * supervisor's own reasons; the log redacts text fields besides.
 */
final class HostAudit {

    static final String ACTOR = "plugin-hosts";
    static final String START = "plugin.host.start";
    static final String READY = "plugin.host.ready";
    static final String FAIL = "plugin.host.fail";
    static final String EXIT = "plugin.host.exit";
    static final String STOP = "plugin.host.stop";

    private static final Logger LOG = LoggerFactory.getLogger(HostAudit.class);

    private final AuditLog log;

    HostAudit(AuditLog log) {
        this.log = log;
    }

    /** Records a start before it is made; false when it could not be recorded, and then it must not be made. */
    boolean starting(String pluginId, String reasonCode, String detail, Map<String, String> arguments) {
        try {
            log.append(event(START, pluginId, Decision.ALLOWED, reasonCode, detail, arguments));
            return true;
        } catch (AuditUnavailableException e) {
            LOG.warn("Host of plugin '{}' not started: the start could not be recorded ({})", pluginId, e.getMessage());
            return false;
        }
    }

    /** Records what happened; a failure to record is logged, what happened stands. */
    void record(
            String action,
            String pluginId,
            Decision decision,
            String reasonCode,
            @Nullable String detail,
            Map<String, String> arguments) {
        try {
            log.append(event(action, pluginId, decision, reasonCode, detail, arguments));
        } catch (AuditUnavailableException e) {
            LOG.warn(
                    "{} of the host of plugin '{}' ({}) could not be recorded ({})",
                    action,
                    pluginId,
                    reasonCode,
                    e.getMessage());
        }
    }

    private static AuditEvent event(
            String action,
            String pluginId,
            Decision decision,
            String reasonCode,
            @Nullable String detail,
            Map<String, String> arguments) {
        return new AuditEvent(
                null,
                Actor.system(ACTOR),
                action,
                "plugin:" + pluginId,
                decision,
                reasonCode,
                detail,
                canonical(arguments),
                null,
                null,
                null);
    }

    /** Sorted {@code key=value} pairs: the canonical text the log HMACs. */
    private static String canonical(Map<String, String> arguments) {
        return new TreeMap<>(arguments)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }
}
