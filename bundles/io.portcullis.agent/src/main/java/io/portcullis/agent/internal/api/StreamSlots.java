package io.portcullis.agent.internal.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open event streams of this node, at most so many in all and so many per workspace: each holds an
 * HTTP thread, so one workspace cannot take them all. Thread-safe.
 */
final class StreamSlots {

    /** One open stream; closing it (once, whatever the number of calls) frees its place. */
    final class Slot implements AutoCloseable {
        private final String workspaceId;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String workspaceId) {
            this.workspaceId = workspaceId;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(workspaceId);
            }
        }
    }

    private final int perNode;
    private final int perWorkspace;
    private final Map<String, Integer> byWorkspace = new HashMap<>();
    private int total;

    StreamSlots(int perNode, int perWorkspace) {
        if (perNode < 1 || perWorkspace < 1) {
            throw new IllegalArgumentException("stream caps must be at least 1");
        }
        this.perNode = perNode;
        this.perWorkspace = perWorkspace;
    }

    /** A place for a stream of {@code workspaceId}; empty when the node or the workspace has none left. */
    synchronized Optional<Slot> acquire(String workspaceId) {
        int ofWorkspace = byWorkspace.getOrDefault(workspaceId, 0);
        if (total >= perNode || ofWorkspace >= perWorkspace) {
            return Optional.empty();
        }
        total++;
        byWorkspace.put(workspaceId, ofWorkspace + 1);
        return Optional.of(new Slot(workspaceId));
    }

    /** Streams open now, of the node. */
    synchronized int open() {
        return total;
    }

    private synchronized void release(String workspaceId) {
        total--;
        int left = byWorkspace.getOrDefault(workspaceId, 1) - 1;
        if (left <= 0) {
            byWorkspace.remove(workspaceId);
        } else {
            byWorkspace.put(workspaceId, left);
        }
    }
}
