package io.portcullis.web.internal;

import io.portcullis.store.health.HealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered health checks and their time-boxed evaluation. A check that hangs answers "timed
 * out" and is not called again until its pending call returns, so probes cannot pile up threads.
 */
final class Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    /** The verdict on one probe: each check's state and, if not ready, what is down. */
    record Verdict(Map<String, String> checks, List<String> problems) {
        boolean ready() {
            return problems.isEmpty();
        }
    }

    private record Registered(String name, HealthCheck check, Object owner) {}

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final Map<HealthCheck, Future<@Nullable String>> pending = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final long timeoutMillis;

    Readiness(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "portcullis-health-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds a check under the name it reports now; a check whose name() fails is ignored. */
    void add(Object owner, HealthCheck check) {
        try {
            registered.add(new Registered(check.name(), check, owner));
        } catch (RuntimeException e) {
            LOG.warn("Ignored a health check whose name() failed: {}", e.toString());
        }
    }

    void remove(Object owner) {
        registered.removeIf(r -> r.owner.equals(owner));
    }

    /** Runs every registered check (in parallel, within the time box) against the required names. */
    Verdict evaluate(List<String> required) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<Registered> snapshot = List.copyOf(registered);
        List<Future<@Nullable String>> calls = new ArrayList<>();
        for (Registered r : snapshot) {
            calls.add(pending.computeIfAbsent(r.check, c -> executor.submit(c::problem)));
        }
        Map<String, String> checks = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : required) {
            if (snapshot.stream().noneMatch(r -> r.name.equals(name))) {
                checks.put(name, "MISSING");
                problems.add(name + " (not registered)");
            }
        }
        for (int i = 0; i < snapshot.size(); i++) {
            Registered r = snapshot.get(i);
            String problem = await(r.check, calls.get(i), deadline);
            if (problem == null) {
                checks.putIfAbsent(r.name, "UP");
            } else {
                checks.put(r.name, "DOWN");
                if (required.contains(r.name)) {
                    problems.add(r.name + ": " + problem);
                }
            }
        }
        return new Verdict(checks, problems);
    }

    private @Nullable String await(HealthCheck check, Future<@Nullable String> call, long deadline) {
        try {
            String problem = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            pending.remove(check, call);
            return problem == null ? null : oneLine(problem);
        } catch (TimeoutException e) {
            return "no answer within " + timeoutMillis + " ms";
        } catch (ExecutionException e) {
            pending.remove(check, call);
            return "check failed (" + e.getCause().getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("[\\r\\n]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Stops the worker threads; a check still hanging keeps its thread until it returns. */
    void close() {
        executor.shutdownNow();
    }
}
