package io.portcullis.hosts.internal;

import io.portcullis.audit.Decision;
import io.portcullis.host.wire.HostReady;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.Ping;
import io.portcullis.host.wire.Pong;
import io.portcullis.host.wire.RpcError;
import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostStatus.State;
import io.portcullis.hosts.HostedPlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one plugin's host: launch (jar checked, start recorded, process started from the
 * launcher thread), ready (proxies registered, tool names claimed), watched (ping, memory), ended
 * (proxies gone, calls failed, the end recorded) and restarted with backoff until it fails too often.
 * A host that never became ready after the first launch is left FAILED: that needs the admin.
 */
final class Supervisor implements HostLink.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final HostedPlugin plugin;
    private final Hosts hosts;
    private final CompletableFuture<HostStatus> started = new CompletableFuture<>();

    // guarded by this
    private State state = State.STARTING;
    private int restarts;
    private @Nullable String lastError;
    private @Nullable Instant lastErrorAt;
    private @Nullable Instant startedAt;
    private @Nullable HostLink link;
    private Proxies proxies = Proxies.NONE;
    private boolean stopped;
    private boolean everReady;
    private final Deque<Instant> failures = new ArrayDeque<>();
    private @Nullable Future<?> timer;
    private @Nullable Future<?> watch;
    private long pingSince;
    private long lastPing;

    Supervisor(HostedPlugin plugin, Hosts hosts) {
        this.plugin = plugin;
        this.hosts = hosts;
    }

    String pluginId() {
        return plugin.id();
    }

    CompletableFuture<HostStatus> started() {
        return started;
    }

    /** Launches the host from the launcher thread. */
    void launch() {
        try {
            hosts.launcher().run(this::launchNow);
        } catch (RejectedExecutionException e) {
            notStarted(new HostException(HostException.Reason.FAILED, "The server is stopping."));
        }
    }

    private void launchNow() {
        try {
            launchChecked();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Host of plugin '{}' not started: unexpected {}",
                    plugin.id(),
                    e.getClass().getName());
            notStarted(new HostException(
                    HostException.Reason.FAILED,
                    "The host of plugin '" + plugin.id() + "' could not be started ("
                            + e.getClass().getSimpleName() + ")."));
        }
    }

    private void launchChecked() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        Hosts.Setup setup = hosts.setup();
        List<String> command;
        Path jar;
        try {
            Optional<String> unavailable = setup.unavailable();
            if (unavailable.isPresent()) {
                throw new HostException(HostException.Reason.UNAVAILABLE, unavailable.get());
            }
            jar = hosts.jars().prepare(plugin);
            command = setup.commands().command(plugin, jar);
        } catch (HostException e) {
            notStarted(e);
            return;
        }
        int attempt;
        synchronized (this) {
            attempt = restarts;
        }
        if (!hosts.audit()
                .starting(
                        plugin.id(),
                        attempt == 0 ? "start" : "restart",
                        "isolation " + setup.settings().isolation().id() + (attempt == 0 ? "" : ", restart " + attempt),
                        Map.of("version", plugin.version(), "sha256", plugin.sha256()))) {
            notStarted(new HostException(
                    HostException.Reason.FAILED, "The start of the host could not be put on the record."));
            return;
        }
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // Nothing of the server's environment (it may hold the master key or database passwords),
            // in a plain process as in the sandbox (where bwrap --clearenv does it again).
            builder.environment().clear();
            builder.environment().put("LANG", "C.UTF-8");
            builder.directory(jar.getParent().toFile()); // its own folder, not the server's
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            notStarted(new HostException(
                    HostException.Reason.FAILED,
                    "The host of plugin '" + plugin.id() + "' could not be launched ("
                            + e.getClass().getSimpleName() + ")."));
            return;
        }
        HostLink started = new HostLink(plugin.id(), process, this);
        synchronized (this) {
            if (stopped) {
                started.kill("stopped");
                return;
            }
            link = started;
            state = State.STARTING;
            timer = hosts.timers()
                    .schedule(
                            () -> started.kill("failed-to-start: not ready within "
                                    + setup.settings().startTimeout().toSeconds() + " s"),
                            setup.settings().startTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
            watch = hosts.timers()
                    .scheduleWithFixedDelay(
                            () -> watch(started),
                            hosts.timing().tick().toMillis(),
                            hosts.timing().tick().toMillis(),
                            TimeUnit.MILLISECONDS);
        }
        StderrPump pump =
                new StderrPump(process.getErrorStream(), hosts.log(plugin.id()), hosts.redactor(), System::nanoTime);
        Hosts.daemon(pump, "log-" + plugin.id()).start();
        // Not on the JDK's process reaper: recording the end may wait for the audit log.
        process.onExit().thenRunAsync(() -> ended(started), hosts.work());
        started.start();
        LOG.info("Host of plugin '{}' launched (pid {})", plugin.id(), process.pid());
    }

    /** The host did not get as far as a process (unavailable, tampered jar, launch failed). */
    private void notStarted(HostException e) {
        hosts.audit()
                .record(
                        HostAudit.FAIL,
                        plugin.id(),
                        e.reason() == HostException.Reason.FAILED ? Decision.ERROR : Decision.DENIED,
                        e.reason().name().toLowerCase(Locale.ROOT),
                        e.getMessage(),
                        Map.of("sha256", plugin.sha256()));
        LOG.warn("Host of plugin '{}' not started: {}", plugin.id(), e.getMessage());
        synchronized (this) {
            error(e.getMessage());
            if (!everReady || e.reason() != HostException.Reason.FAILED) {
                state = stopped ? State.STOPPED : State.FAILED;
                started.completeExceptionally(e);
                return;
            }
            failed();
        }
    }

    @Override
    public void ready(HostLink from, HostReady ready) {
        Proxies next = Proxies.of(from, ready.services(), LOG);
        synchronized (this) {
            if (from != link || state != State.STARTING) {
                return;
            }
            cancel(timer);
            Optional<String> conflict = hosts.claim(plugin.id(), next.toolNames());
            if (conflict.isPresent()) {
                String message = "Plugin '" + plugin.id() + "' was not started: " + conflict.get() + ".";
                error(message);
                state = State.FAILED;
                stopped = true; // no restart: the names stay taken until the admin acts
                link = null;
                cancel(watch);
                from.kill("conflict");
                hosts.audit()
                        .record(
                                HostAudit.FAIL,
                                plugin.id(),
                                Decision.DENIED,
                                "conflict",
                                message,
                                Map.of("sha256", plugin.sha256()));
                started.completeExceptionally(new HostException(HostException.Reason.CONFLICT, message));
                return;
            }
            proxies = next.register(hosts.registrar(), plugin.id(), plugin.version());
            state = State.RUNNING;
            everReady = true;
            startedAt = hosts.clock().instant();
            lastPing = System.nanoTime();
            pingSince = 0;
        }
        hosts.audit()
                .record(
                        HostAudit.READY,
                        plugin.id(),
                        Decision.ALLOWED,
                        "ready",
                        "pid " + from.pid() + ", services " + String.join(", ", next.names()),
                        Map.of("pid", Long.toString(from.pid())));
        LOG.info("Host of plugin '{}' ready (pid {}): {}", plugin.id(), from.pid(), next.names());
        started.complete(status());
    }

    @Override
    public void services(HostLink from, HostReady services) {
        Proxies next = Proxies.of(from, services.services(), LOG);
        synchronized (this) {
            if (from != link || state != State.RUNNING) {
                return;
            }
            proxies.unregister();
            hosts.release(plugin.id());
            next = next.withoutConflicts(hosts, plugin.id(), LOG);
            proxies = next.register(hosts.registrar(), plugin.id(), plugin.version());
        }
        LOG.info("Host of plugin '{}' now offers {}", plugin.id(), next.names());
    }

    @Override
    public void failed(HostLink from, String reason) {
        synchronized (this) {
            if (from != link || state != State.STARTING) {
                return;
            }
        }
        from.kill("failed-to-start: " + reason);
    }

    @Override
    public void closed(HostLink from, @Nullable String violation) {
        if (violation != null) {
            from.kill("protocol-violation: " + HostLink.clip(violation));
            return;
        }
        // End of its output: the host is exiting; what does not exit in time is killed.
        try {
            hosts.timers()
                    .schedule(
                            () -> {
                                if (from.process().isAlive()) {
                                    from.kill("killed-hung: its output ended but it did not exit");
                                }
                            },
                            hosts.timing().stopGrace().toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            ProcessTree.kill(from.process().toHandle());
        }
    }

    /** The process ended (any way): its proxies go, its calls fail, the end is recorded, maybe a restart. */
    private void ended(HostLink from) {
        ProcessTree.kill(from.process().toHandle()); // what bwrap left behind, if anything
        from.release();
        int exit = from.process().exitValue();
        String killed = from.killReason();
        String reason = killed != null ? killed : "crashed (exit code " + exit + ")";
        boolean wasReady;
        synchronized (this) {
            if (from != link) {
                return; // stopped, replaced or refused: handled there
            }
            link = null;
            cancel(timer);
            cancel(watch);
            proxies.unregister();
            proxies = Proxies.NONE;
            hosts.release(plugin.id());
            wasReady = state == State.RUNNING;
            error(reason);
        }
        hosts.audit()
                .record(
                        wasReady ? HostAudit.EXIT : HostAudit.FAIL,
                        plugin.id(),
                        Decision.ERROR,
                        reasonCode(reason),
                        reason,
                        Map.of("pid", Long.toString(from.pid()), "exit", Integer.toString(exit)));
        if (wasReady) {
            LOG.warn("Host of plugin '{}' ended: {}", plugin.id(), reason);
        } else {
            LOG.warn("Host of plugin '{}' did not start: {}", plugin.id(), reason);
        }
        synchronized (this) {
            if (!everReady) {
                state = stopped ? State.STOPPED : State.FAILED;
                started.completeExceptionally(new HostException(
                        HostException.Reason.FAILED,
                        "The host of plugin '" + plugin.id() + "' did not start: " + reason));
                return;
            }
            failed();
        }
    }

    /** After a failure of a host that was ready once: restart with backoff, or give up. Holds the lock. */
    private void failed() {
        if (stopped) {
            state = State.STOPPED;
            return;
        }
        Instant now = hosts.clock().instant();
        failures.addLast(now);
        while (!failures.isEmpty()
                && failures.peekFirst().isBefore(now.minus(hosts.timing().failureWindow()))) {
            failures.removeFirst();
        }
        if (failures.size() >= hosts.timing().maxFailures()) {
            state = State.FAILED;
            String message = "The host of plugin '" + plugin.id() + "' failed " + failures.size() + " times within "
                    + hosts.timing().failureWindow().toMinutes() + " minutes; it is not restarted again. Last: "
                    + lastError;
            error(message);
            hosts.audit().record(HostAudit.FAIL, plugin.id(), Decision.ERROR, "gave_up", message, Map.of());
            LOG.warn("{}", message);
            return;
        }
        state = State.RESTARTING;
        Duration wait = hosts.timing().backoffAfter(failures.size());
        LOG.info("Host of plugin '{}' restarts in {} ms", plugin.id(), wait.toMillis());
        try {
            timer = hosts.timers().schedule(this::restart, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            state = State.STOPPED;
        }
    }

    private void restart() {
        synchronized (this) {
            if (stopped || state != State.RESTARTING || !hosts.current(this)) {
                return;
            }
            restarts++;
            state = State.STARTING;
        }
        launch();
    }

    /** One look at a host: memory over the cap; once it is running, ping overdue (hung) and ping due. */
    private void watch(HostLink from) {
        long now = System.nanoTime();
        long since;
        boolean running;
        synchronized (this) {
            if (from != link) {
                return;
            }
            running = state == State.RUNNING;
            since = pingSince;
        }
        Duration deadline = hosts.timing().pingDeadline();
        if (running && since != 0 && now - since > deadline.toNanos()) {
            from.kill("killed-hung: no answer to a ping within " + deadline.toMillis() + " ms");
            return;
        }
        long cap = hosts.setup().settings().memoryMb() * 1024L * 1024L;
        long rss = ProcessTree.rssBytes(from.process().toHandle());
        if (rss > cap) {
            from.kill("killed-memory: resident memory " + rss / (1024 * 1024) + " MiB above the cap of "
                    + cap / (1024 * 1024) + " MiB");
            return;
        }
        synchronized (this) {
            if (state != State.RUNNING
                    || pingSince != 0
                    || now - lastPing < hosts.timing().pingEvery().toNanos()) {
                return;
            }
            pingSince = now;
        }
        try {
            hosts.work().execute(() -> ping(from, deadline));
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void ping(HostLink from, Duration deadline) {
        try {
            from.call(Methods.HOST_PING, new Ping(), Pong.class, Instant.now().plus(deadline));
            synchronized (this) {
                pingSince = 0;
                lastPing = System.nanoTime();
            }
        } catch (RpcError e) {
            if (e.code() == RpcError.TIMEOUT) {
                from.kill("killed-hung: no answer to a ping within " + deadline.toMillis() + " ms");
            } else if (e.code() != RpcError.CLOSED) {
                from.kill("protocol-violation: a ping was answered with error " + e.code());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the host for good: stdin closed, a short grace, then the whole tree killed; recorded. */
    void stop(String why) {
        HostLink running = detach(why);
        if (running != null) {
            stopAll(List.of(running), hosts.timing().stopGrace());
        }
    }

    /** Marks the host stopped and unregisters its proxies; the running link, for the caller to end. */
    @Nullable HostLink detach(String why) {
        HostLink running;
        boolean wasStopped;
        synchronized (this) {
            wasStopped = stopped;
            stopped = true;
            running = link;
            link = null;
            cancel(timer);
            cancel(watch);
            proxies.unregister();
            proxies = Proxies.NONE;
            state = State.STOPPED;
            startedAt = null;
        }
        hosts.release(plugin.id());
        started.completeExceptionally(new HostException(
                HostException.Reason.FAILED, "The host of plugin '" + plugin.id() + "' was stopped: " + why + "."));
        if (!wasStopped) {
            hosts.audit()
                    .record(
                            HostAudit.STOP,
                            plugin.id(),
                            Decision.ALLOWED,
                            "stopped",
                            why + (running == null ? "" : ", pid " + running.pid()),
                            running == null ? Map.of() : Map.of("pid", Long.toString(running.pid())));
            LOG.info("Host of plugin '{}' stopped: {}", plugin.id(), why);
        }
        return running;
    }

    /** Closes the input of every link, waits at most {@code grace} for all together, kills the rest. */
    static void stopAll(List<HostLink> links, Duration grace) {
        for (HostLink link : links) {
            link.closeInput();
        }
        long end = System.nanoTime() + grace.toNanos();
        for (HostLink link : links) {
            try {
                long left = end - System.nanoTime();
                if (left > 0) {
                    link.process().waitFor(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ProcessTree.kill(link.process().toHandle());
            link.release();
        }
    }

    HostStatus status() {
        HostLink running;
        State now;
        int count;
        String error;
        Instant errorAt;
        Instant since;
        List<String> names;
        synchronized (this) {
            running = link;
            now = state;
            count = restarts;
            error = lastError;
            errorAt = lastErrorAt;
            since = state == State.RUNNING ? startedAt : null;
            names = proxies.names();
        }
        return new HostStatus(
                hosts.setup().settings().isolation(),
                now,
                running == null ? null : running.pid(),
                count,
                error,
                errorAt,
                since,
                running == null ? 0 : ProcessTree.rssBytes(running.process().toHandle()),
                names);
    }

    private void error(@Nullable String message) {
        lastError = message;
        lastErrorAt = hosts.clock().instant();
    }

    private static String reasonCode(String reason) {
        int colon = reason.indexOf(':');
        String head = colon > 0 ? reason.substring(0, colon) : reason.split(" ")[0];
        return head.replace('-', '_');
    }

    private static void cancel(@Nullable Future<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
