package io.portcullis.policy.internal.plugins;

import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostStatus;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import io.portcullis.hosts.PluginHosts;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Plugin hosts that run nothing: they record what they were asked and answer each start as told
 * (ready at once unless a queued answer says otherwise).
 */
final class FakeHosts implements PluginHosts {

    volatile Isolation isolation = Isolation.SANDBOX;
    final List<HostedPlugin> started = new ArrayList<>();
    final List<String> stopped = new ArrayList<>();
    final Map<String, HostStatus> statuses = new ConcurrentHashMap<>();
    private final Deque<Function<HostedPlugin, CompletableFuture<HostStatus>>> answers = new ArrayDeque<>();

    /** The next start fails with {@code reason}. */
    FakeHosts failNext(HostException.Reason reason, String message) {
        answers.add(plugin -> CompletableFuture.failedFuture(new HostException(reason, message)));
        return this;
    }

    /** The next start answers {@code future}, which the test completes. */
    FakeHosts answerNext(CompletableFuture<HostStatus> future) {
        answers.add(plugin -> future);
        return this;
    }

    static HostStatus running(String... services) {
        return new HostStatus(
                Isolation.SANDBOX,
                HostStatus.State.RUNNING,
                4242L,
                0,
                null,
                null,
                Instant.parse("2026-12-07T10:00:00Z"),
                50_000_000L,
                List.of(services));
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public synchronized CompletableFuture<HostStatus> start(HostedPlugin plugin) {
        started.add(plugin);
        Function<HostedPlugin, CompletableFuture<HostStatus>> answer = answers.poll();
        if (answer != null) {
            return answer.apply(plugin);
        }
        HostStatus status = running("tool:" + plugin.id());
        statuses.put(plugin.id(), status);
        return CompletableFuture.completedFuture(status);
    }

    @Override
    public synchronized void stop(String pluginId) {
        stopped.add(pluginId);
    }

    @Override
    public Optional<HostStatus> status(String pluginId) {
        return Optional.ofNullable(statuses.get(pluginId));
    }
}
