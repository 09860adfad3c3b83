package io.portcullis.host.internal;

import io.portcullis.host.wire.RpcError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls running in the plugin now, by the core's call id, so {@code call.cancel} can stop one: by
 * interrupting its thread, or for a stream by closing it.
 */
final class LiveCalls {

    private final Map<String, Runnable> running = new ConcurrentHashMap<>();

    /** The span of one call; closing it ends the call. */
    interface Span extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks {@code call} as running on the current thread; close the result when it ends. */
    Span enter(String call) throws RpcError {
        return enter(call, Thread.currentThread()::interrupt);
    }

    /** Marks {@code call} as running, stopped by {@code cancel}; close the result when it ends. */
    Span enter(String call, Runnable cancel) throws RpcError {
        if (running.putIfAbsent(call, cancel) != null) {
            throw new RpcError(RpcError.INVALID_PARAMS, "call id already running");
        }
        return () -> running.remove(call, cancel);
    }

    /** Stops {@code call} if it still runs: the core gave up on it. */
    void cancel(String call) {
        Runnable cancel = running.remove(call);
        if (cancel != null) {
            cancel.run();
        }
    }

    int size() {
        return running.size();
    }
}
