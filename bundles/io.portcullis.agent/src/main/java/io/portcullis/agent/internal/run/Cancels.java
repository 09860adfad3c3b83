package io.portcullis.agent.internal.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's cancel tokens. A cancel sets the run's token; the run's model call sees it through its
 * sink ({@link DeltaSink#cancelled}, which the gateway polls while a provider is silent, and every
 * sink method throws once it is set), so the gateway aborts the provider's stream and settles. No
 * thread is ever interrupted: a thread interrupted while H2 writes its file closes the database.
 * Cancels made on another node reach the token through {@link Leases}, which polls the database flag
 * of the runs this node works on.
 */
final class Cancels {

    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    void request(String runId) {
        requested.add(runId);
    }

    boolean requested(String runId) {
        return requested.contains(runId);
    }

    void forget(String runId) {
        requested.remove(runId);
    }
}
