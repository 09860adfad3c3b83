package io.portcullis.tools.internal.invoke;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tool calls per (workspace, run), counted in memory: a guard against an agent run that loops, not a
 * quota (a run's id comes from its caller; budgets that must hold across nodes live in the database).
 * Bounded: a run idle for {@link #IDLE} is forgotten, and a workspace tracks at most
 * {@link #MAX_RUNS_PER_WORKSPACE} runs: past that, after forgetting idle ones, its new runs are refused
 * (one workspace cannot fill the memory or reset another's counts). Thread-safe.
 */
public final class RunLimits {

    public static final Duration IDLE = Duration.ofHours(1);
    public static final int MAX_RUNS_PER_WORKSPACE = 1000;

    private static final class Run {
        int calls;
        Instant lastUsed;

        Run(Instant now) {
            lastUsed = now;
        }
    }

    private final Clock clock;
    private final Map<String, Map<String, Run>> workspaces = new ConcurrentHashMap<>();

    public RunLimits(Clock clock) {
        this.clock = clock;
    }

    /** Counts one call of run {@code runId} if it stays within {@code max}; false (nothing counted) otherwise. */
    public boolean tryAcquire(String workspaceId, String runId, int max) {
        Instant now = clock.instant();
        Map<String, Run> runs = workspaces.computeIfAbsent(workspaceId, k -> new ConcurrentHashMap<>());
        synchronized (runs) {
            Run run = runs.get(runId);
            if (run != null && run.lastUsed.plus(IDLE).isBefore(now)) {
                run = null;
                runs.remove(runId);
            }
            if (run == null) {
                if (runs.size() >= MAX_RUNS_PER_WORKSPACE) {
                    runs.values().removeIf(r -> r.lastUsed.plus(IDLE).isBefore(now));
                    if (runs.size() >= MAX_RUNS_PER_WORKSPACE) {
                        return false;
                    }
                }
                run = new Run(now);
                runs.put(runId, run);
            }
            if (run.calls >= max) {
                return false;
            }
            run.calls++;
            run.lastUsed = now;
            return true;
        }
    }

    /** Forgets a deleted workspace's runs. */
    public void forget(String workspaceId) {
        workspaces.remove(workspaceId);
    }
}
