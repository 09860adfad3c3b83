package io.portcullis.web.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reports live edits of Portcullis's configuration ({@code config/io.portcullis.*.cfg}):
 * one INFO line per applied edit naming the PID and the properties that changed, or one WARN line
 * per refused edit naming the PID and the component's reason. Names only, never values, so a
 * password edit is reported like any other. The components validate; this only reports, once the
 * components have had a moment to take the edit (a refused one leaves its component failed, or, for
 * the web server, which keeps its settings, a note through {@link #refused}).
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class ConfigurationLog implements ConfigurationListener {

    static final String PREFIX = "io.portcullis.";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationLog.class);
    private static final long SETTLE_MILLIS = 1000;

    /** Refusals by components that keep running on their previous settings, by PID. */
    private static final Map<String, String> REFUSALS = new ConcurrentHashMap<>();

    private static volatile boolean listening;

    private final Function<String, @Nullable Dictionary<String, Object>> properties;
    private final Function<String, @Nullable String> failure;
    private final Map<String, Map<String, Object>> applied = new HashMap<>();
    private final @Nullable ScheduledExecutorService settle;

    @Activate
    public ConfigurationLog(@Reference ConfigurationAdmin admin, @Reference ServiceComponentRuntime runtime) {
        this(pid -> read(admin, pid), new ComponentFailures(runtime)::of, true);
        for (String pid : pids(admin)) {
            seen(pid);
        }
    }

    ConfigurationLog(
            Function<String, @Nullable Dictionary<String, Object>> properties,
            Function<String, @Nullable String> failure,
            boolean scheduled) {
        this.properties = properties;
        this.failure = failure;
        this.settle = scheduled
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "portcullis-configuration-log");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        listening = true;
    }

    @Deactivate
    void deactivate() {
        listening = false;
        if (settle != null) {
            settle.shutdownNow();
        }
    }

    /**
     * A component that refuses an edit and keeps its previous settings says so here; the line is
     * written with the edit's. Without a running log (a test without a framework) it is written now.
     */
    static void refused(String pid, String reason) {
        if (listening) {
            REFUSALS.put(pid, reason);
        } else {
            LOG.warn("Refused the new configuration of '{}': {}; the previous settings stay in force", pid, reason);
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        int type = event.getType();
        boolean edit = type == ConfigurationEvent.CM_UPDATED || type == ConfigurationEvent.CM_DELETED;
        if (!edit || event.getFactoryPid() != null || !pid.startsWith(PREFIX)) {
            return;
        }
        ScheduledExecutorService executor = settle;
        if (executor != null) {
            executor.schedule(() -> settled(pid), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Reports the edit of {@code pid} once its component has had time to take it. */
    synchronized void settled(String pid) {
        Dictionary<String, Object> current = properties.apply(pid);
        if (current == null) {
            if (applied.remove(pid) != null) {
                LOG.info("Removed the configuration of '{}'", pid);
            }
            return;
        }
        Map<String, Object> now = ConfigurationValues.of(current);
        Map<String, Object> before = applied.getOrDefault(pid, Map.of()); // a new file: every name is new
        List<String> changed = ConfigurationValues.changed(before, now);
        String refusal = REFUSALS.remove(pid);
        String failed = refusal == null ? failure.apply(pid) : null;
        if (refusal != null) {
            LOG.warn("Refused the new configuration of '{}': {}; the previous settings stay in force", pid, refusal);
        } else if (failed != null) {
            LOG.warn(
                    "Refused the new configuration of '{}': {}; its component is down until the file is fixed",
                    pid,
                    failed);
        } else if (!changed.isEmpty()) {
            applied.put(pid, now);
            LOG.info("Applied the new configuration of '{}': {} changed", pid, String.join(", ", changed));
        }
    }

    /** Takes the current configuration of every Portcullis PID as applied: edits are compared with it. */
    synchronized void seen(String pid) {
        applied.put(pid, ConfigurationValues.of(properties.apply(pid)));
    }

    private static List<String> pids(ConfigurationAdmin admin) {
        List<String> pids = new ArrayList<>();
        try {
            Configuration[] all = admin.listConfigurations("(service.pid=" + PREFIX + "*)");
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                if (configuration.getFactoryPid() == null) {
                    pids.add(configuration.getPid());
                }
            }
        } catch (Exception e) {
            LOG.debug("Could not list the configurations: {}", e.toString());
        }
        return pids;
    }

    private static @Nullable Dictionary<String, Object> read(ConfigurationAdmin admin, String pid) {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (Exception e) {
            return null;
        }
    }

    /** Property values compared by content, without the bookkeeping Configuration Admin and FileInstall add. */
    static final class ConfigurationValues {

        private ConfigurationValues() {}

        static Map<String, Object> of(@Nullable Dictionary<String, Object> properties) {
            Map<String, Object> values = new HashMap<>();
            if (properties == null) {
                return values;
            }
            for (String key : Collections.list(properties.keys())) {
                boolean bookkeeping = key.startsWith("service.")
                        || key.startsWith("felix.fileinstall.")
                        || key.startsWith("component.");
                if (!bookkeeping) {
                    values.put(key, properties.get(key));
                }
            }
            return values;
        }

        /** The names whose values differ, were added or were removed, sorted. */
        static List<String> changed(Map<String, Object> before, Map<String, Object> after) {
            List<String> names = new ArrayList<>();
            for (String key : before.keySet()) {
                if (!after.containsKey(key) || !Objects.deepEquals(before.get(key), after.get(key))) {
                    names.add(key);
                }
            }
            for (String key : after.keySet()) {
                if (!before.containsKey(key)) {
                    names.add(key);
                }
            }
            Collections.sort(names);
            return names;
        }
    }
}
