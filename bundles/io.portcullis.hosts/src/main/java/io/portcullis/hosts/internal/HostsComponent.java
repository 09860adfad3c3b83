package io.portcullis.hosts.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import io.portcullis.hosts.PluginHosts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin hosts as a service. Reads {@code config/io.portcullis.hosts.cfg}; says loudly once at
 * activation when plugins cannot run here (and why, and how to fix it) or run without the OS sandbox.
 * A live edit applies to the next start or restart of each host; an invalid edit is refused with a log
 * line and the previous settings stay. Deactivation stops every host.
 */
@Component(service = PluginHosts.class, immediate = true, configurationPid = HostsConfig.PID)
@Designate(ocd = HostsConfig.class)
public final class HostsComponent implements PluginHosts {

    static final String HOME_PROPERTY = "portcullis.home";
    static final String DATA_PROPERTY = "portcullis.data";

    private static final Logger LOG = LoggerFactory.getLogger(HostsComponent.class);

    private final Path hostLib;
    private final Availability availability;
    private final Hosts hosts;
    private volatile Hosts.Setup setup;

    @Activate
    public HostsComponent(
            BundleContext context,
            @Reference AuditLog auditLog,
            @Reference(target = "(portcullis.role=redactor)") UnaryOperator<String> redactor,
            HostsConfig config) {
        this.hostLib = folder(context, HOME_PROPERTY, ".").resolve("lib").resolve("host");
        this.availability = Availability.system();
        this.setup = setup(initial(config));
        announce(setup);
        this.hosts = new Hosts(
                () -> setup,
                new PluginJars(folder(context, DATA_PROPERTY, "data").resolve("hosts")),
                new HostAudit(auditLog),
                (type, service, properties) -> {
                    ServiceRegistration<?> registration =
                            context.registerService(type.getName(), service, new Hashtable<>(properties));
                    return registration::unregister;
                },
                redactor,
                Timing.DEFAULT,
                Clock.systemUTC(),
                id -> LoggerFactory.getLogger("io.portcullis.plugin." + id)::info);
    }

    /** The settings to start with: an invalid file falls back to the safe defaults (sandbox, production), loudly. */
    private static HostsSettings initial(HostsConfig config) {
        try {
            return HostsSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "{} is invalid, plugin hosts start with the defaults (isolation = sandbox, profile ="
                            + " production) until it is fixed: {}",
                    HostsConfig.PID,
                    e.getMessage());
            return HostsSettings.defaults();
        }
    }

    @Modified
    void modified(HostsConfig config) {
        HostsSettings next;
        try {
            next = HostsSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.warn("Edit of {} refused, the previous settings stay: {}", HostsConfig.PID, e.getMessage());
            return;
        }
        setup = setup(next);
        announce(setup);
    }

    @Deactivate
    void deactivate() {
        hosts.close();
    }

    @Override
    public Isolation isolation() {
        return hosts.isolation();
    }

    @Override
    public Optional<String> unavailable() {
        return hosts.unavailable();
    }

    @Override
    public CompletableFuture<HostStatus> start(HostedPlugin plugin) {
        return hosts.start(plugin);
    }

    @Override
    public void stop(String pluginId) {
        hosts.stop(pluginId);
    }

    @Override
    public Optional<HostStatus> status(String pluginId) {
        return hosts.status(pluginId);
    }

    private Hosts.Setup setup(HostsSettings settings) {
        Availability.Found found = availability.check(settings, hostLib);
        if (found.unavailable().isPresent()) {
            return new Hosts.Setup(settings, found.unavailable(), (plugin, jar) -> {
                throw new IllegalStateException("unavailable");
            });
        }
        @Nullable JdkFiles jdk = null;
        if (settings.isolation() == Isolation.SANDBOX) {
            try {
                jdk = JdkFiles.of(settings.javaHome());
            } catch (IOException e) {
                return new Hosts.Setup(
                        settings,
                        Optional.of("Plugins cannot start: the files of the JDK at " + settings.javaHome()
                                + " cannot be read (" + e.getClass().getSimpleName() + ")."),
                        (plugin, jar) -> {
                            throw new IllegalStateException("unavailable");
                        });
            }
        }
        Path prlimit = found.prlimit().orElse(Path.of("prlimit"));
        Path bwrap = found.bwrap().orElse(null);
        JdkFiles files = jdk;
        return new Hosts.Setup(
                settings,
                Optional.empty(),
                (plugin, jar) -> HostCommand.of(settings, prlimit, bwrap, files, hostLib, jar, plugin));
    }

    private static void announce(Hosts.Setup setup) {
        Isolation isolation = setup.settings().isolation();
        if (setup.unavailable().isPresent()) {
            LOG.warn("PLUGINS WILL NOT RUN: {}", setup.unavailable().get());
        } else if (isolation == Isolation.PROCESS) {
            LOG.warn("Plugins run with isolation = process: each in its own JVM but WITHOUT the OS sandbox; a"
                    + " plugin can use the network and read and write every file the server's user can (its"
                    + " data folder and keys included). Use isolation = sandbox wherever bubblewrap works.");
        } else if (isolation == Isolation.IN_PROCESS) {
            LOG.warn("Plugins run with isolation = in-process: inside the server's own JVM and framework, with"
                    + " no boundary but the install-time scan. For plugin development only.");
        } else {
            LOG.info(
                    "Plugins run with isolation = sandbox (bubblewrap), each host capped at {} MiB",
                    setup.settings().memoryMb());
        }
    }

    private static Path folder(BundleContext context, String property, String fallback) {
        String value = context.getProperty(property);
        return Path.of(value == null || value.isBlank() ? fallback : value).toAbsolutePath();
    }
}
