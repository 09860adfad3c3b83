package io.portcullis.host.internal;

import io.portcullis.host.wire.RpcError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The calls running in the plugin now, by the core's call id, so {@code call.cancel} can interrupt one. */
final class LiveCalls {

    private final Map<String, Thread> running = new ConcurrentHashMap<>();

    /** The span of one call; closing it ends the call. */
    interface Span extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks {@code call} as running on the current thread; close the result when it ends. */
    Span enter(String call) throws RpcError {
        if (running.putIfAbsent(call, Thread.currentThread()) != null) {
            throw new RpcError(RpcError.INVALID_PARAMS, "call id already running");
        }
        return () -> running.remove(call);
    }

    /** Interrupts {@code call} if it still runs: the core gave up on it. */
    void cancel(String call) {
        Thread thread = running.remove(call);
        if (thread != null) {
            thread.interrupt();
        }
    }

    int size() {
        return running.size();
    }
}
