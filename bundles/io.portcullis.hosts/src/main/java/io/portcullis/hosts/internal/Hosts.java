package io.portcullis.hosts.internal;

import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import io.portcullis.hosts.PluginHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * {@link PluginHosts} without OSGi: one {@link Supervisor} per plugin id, the launcher thread, the
 * watch timers, and the tool names held by running hosts (a name is held by one plugin at a time).
 */
final class Hosts implements PluginHosts, AutoCloseable {

    /** Registers a proxy service in the core; returns how to unregister it. */
    @FunctionalInterface
    interface Registrar {
        Runnable register(Class<?> type, Object service, Map<String, Object> properties);
    }

    /** The command line of a host for a plugin and its checked jar. */
    @FunctionalInterface
    interface Commands {
        List<String> command(HostedPlugin plugin, Path jar) throws HostException;
    }

    /** The settings in force and what follows from them on this machine. */
    record Setup(HostsSettings settings, Optional<String> unavailable, Commands commands) {}

    private final Map<String, Supervisor> hosts = new ConcurrentHashMap<>();
    private final Map<String, String> toolOwners = new ConcurrentHashMap<>();
    private final Supplier<Setup> setup;
    private final PluginJars jars;
    private final HostAudit audit;
    private final Registrar registrar;
    private final UnaryOperator<String> redactor;
    private final Function<String, Consumer<String>> logs;
    private final Timing timing;
    private final Clock clock;
    private final Launcher launcher = new Launcher();
    private final ScheduledExecutorService timers;
    private final ExecutorService work;

    Hosts(
            Supplier<Setup> setup,
            PluginJars jars,
            HostAudit audit,
            Registrar registrar,
            UnaryOperator<String> redactor,
            Timing timing,
            Clock clock,
            Function<String, Consumer<String>> logs) {
        this.setup = setup;
        this.logs = logs;
        this.jars = jars;
        this.audit = audit;
        this.registrar = registrar;
        this.redactor = redactor;
        this.timing = timing;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1, task -> daemon(task, "watch"));
        scheduled.setRemoveOnCancelPolicy(true);
        this.timers = scheduled;
        this.work = Executors.newCachedThreadPool(task -> daemon(task, "work-" + count.incrementAndGet()));
    }

    @Override
    public Isolation isolation() {
        return setup.get().settings().isolation();
    }

    @Override
    public Optional<String> unavailable() {
        return setup.get().unavailable();
    }

    @Override
    public CompletableFuture<HostStatus> start(HostedPlugin plugin) {
        if (isolation() == Isolation.IN_PROCESS) {
            return CompletableFuture.failedFuture(new HostException(
                    HostException.Reason.UNAVAILABLE,
                    "isolation = in-process: plugins run in the server's own framework, not in hosts."));
        }
        Supervisor next = new Supervisor(plugin, this);
        Supervisor previous = hosts.put(plugin.id(), next);
        if (previous != null) {
            previous.stop("replaced by a new start");
        }
        next.launch();
        return next.started();
    }

    @Override
    public void stop(String pluginId) {
        Supervisor supervisor = hosts.get(pluginId);
        if (supervisor != null) {
            supervisor.stop("stopped by the core");
            jars.remove(pluginId);
        }
    }

    @Override
    public Optional<HostStatus> status(String pluginId) {
        Supervisor supervisor = hosts.get(pluginId);
        return supervisor == null ? Optional.empty() : Optional.of(supervisor.status());
    }

    /** Stops every host at once: stdin closed for all, a shared grace, then the rest killed. */
    @Override
    public void close() {
        Collection<Supervisor> all = new ArrayList<>(hosts.values());
        List<HostLink> links = new ArrayList<>();
        for (Supervisor supervisor : all) {
            HostLink link = supervisor.detach("the server is stopping");
            if (link != null) {
                links.add(link);
            }
        }
        Supervisor.stopAll(links, timing.stopGrace());
        launcher.close();
        timers.shutdownNow();
        work.shutdownNow();
    }

    /**
     * Takes the tool names for {@code pluginId}, all or none; the first conflict otherwise ("tool X is
     * already provided by plugin Y").
     */
    Optional<String> claim(String pluginId, List<String> names) {
        synchronized (toolOwners) {
            for (String name : names) {
                String owner = toolOwners.get(name);
                if (owner != null && !owner.equals(pluginId)) {
                    return Optional.of("tool '" + name + "' is already provided by plugin '" + owner + "'");
                }
            }
            for (String name : names) {
                toolOwners.put(name, pluginId);
            }
            return Optional.empty();
        }
    }

    /** Gives up the tool names of {@code pluginId}. */
    void release(String pluginId) {
        synchronized (toolOwners) {
            toolOwners.values().removeIf(pluginId::equals);
        }
    }

    /** The supervisor currently in charge of {@code pluginId}, if it is {@code supervisor}. */
    boolean current(Supervisor supervisor) {
        return hosts.get(supervisor.pluginId()) == supervisor;
    }

    Setup setup() {
        return setup.get();
    }

    PluginJars jars() {
        return jars;
    }

    HostAudit audit() {
        return audit;
    }

    Registrar registrar() {
        return registrar;
    }

    UnaryOperator<String> redactor() {
        return redactor;
    }

    /** Where the log lines of the host of a plugin go. */
    Consumer<String> log(String pluginId) {
        return logs.apply(pluginId);
    }

    Timing timing() {
        return timing;
    }

    Clock clock() {
        return clock;
    }

    Launcher launcher() {
        return launcher;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** For pings and the handling of ended hosts. */
    ExecutorService work() {
        return work;
    }

    static Thread daemon(Runnable task, @Nullable String name) {
        Thread thread = new Thread(task, "portcullis-plugin-hosts-" + name);
        thread.setDaemon(true);
        return thread;
    }
}
