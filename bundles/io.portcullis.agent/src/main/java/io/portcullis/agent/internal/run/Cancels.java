package io.portcullis.agent.internal.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This node's cancel tokens. A cancel sets the run's token and interrupts the worker while it waits for
 * the model (the gateway then aborts the provider's stream and settles); the sink of the call also
 * throws once the token is set. Cancels made on another node reach the token through {@link Leases},
 * which polls the database flag of the runs this node works on.
 */
final class Cancels {

    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Thread> calling = new ConcurrentHashMap<>();

    void request(String runId) {
        requested.add(runId);
        calling.computeIfPresent(runId, (id, thread) -> {
            thread.interrupt();
            return thread;
        });
    }

    boolean requested(String runId) {
        return requested.contains(runId);
    }

    /** The current thread waits for the model on behalf of the run: a cancel interrupts it. */
    void calling(String runId) {
        calling.put(runId, Thread.currentThread());
        if (requested(runId)) {
            Thread.currentThread().interrupt();
        }
    }

    /** The model call returned: no interrupt reaches the thread any more, and a late one is cleared. */
    void called(String runId) {
        calling.remove(runId);
        Thread.interrupted();
    }

    void forget(String runId) {
        requested.remove(runId);
        calling.remove(runId);
    }
}
