package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.RunStore;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs this node works on, under a lease held by a node id drawn at random per process. Every
 * second ({@link #tick}) it reads each one's cancel flag (a cancel made on another node) into the
 * cancel token, and renews its lease every third of the lease, so that a long model or tool call
 * does not lose it; the loop also renews at every step.
 */
final class Leases {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Held(String workspaceId, long renewedNanos) {}

    private final String node;
    private final RunStore runs;
    private final Cancels cancels;
    private final Duration lease;
    private final ConcurrentMap<String, Held> held = new ConcurrentHashMap<>();

    Leases(RunStore runs, Cancels cancels, Duration lease) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        this.node = "node-" + HexFormat.of().formatHex(bytes);
        this.runs = runs;
        this.cancels = cancels;
        this.lease = lease;
    }

    String node() {
        return node;
    }

    Duration lease() {
        return lease;
    }

    /** Takes the run, if no other node holds it. */
    Optional<Run> claim(String workspaceId, String runId, Set<RunState> from) throws SQLException {
        Optional<Run> run = runs.claim(workspaceId, runId, from, node, lease);
        run.ifPresent(r -> held.put(runId, new Held(workspaceId, System.nanoTime())));
        return run;
    }

    /** Renews at a step; false when the lease was lost (another node took the run: stop). */
    boolean renew(String workspaceId, String runId) throws SQLException {
        boolean renewed = runs.renew(workspaceId, runId, node, lease);
        if (renewed) {
            held.computeIfPresent(runId, (id, h) -> new Held(workspaceId, System.nanoTime()));
        }
        return renewed;
    }

    void release(String runId) {
        held.remove(runId);
    }

    boolean holds(String runId) {
        return held.containsKey(runId);
    }

    int size() {
        return held.size();
    }

    /** Once a second: cancel flags into tokens, and leases renewed before they run out. */
    void tick() {
        long now = System.nanoTime();
        for (Map.Entry<String, Held> entry : held.entrySet()) {
            String runId = entry.getKey();
            Held h = entry.getValue();
            try {
                if (!cancels.requested(runId)
                        && runs.find(h.workspaceId(), runId)
                                .map(Run::cancelRequested)
                                .orElse(false)) {
                    cancels.request(runId);
                }
                if (now - h.renewedNanos() > lease.toNanos() / 3) {
                    renew(h.workspaceId(), runId);
                }
            } catch (Exception e) {
                LOG.warn("Could not watch run '{}': {}", runId, e.toString());
            }
        }
    }
}
