package io.portcullis.tools.internal.guard;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The one guard every call into plugin code goes through ({@code invoke}, but also {@code risk} and
 * {@code descriptor}): bounded pools of daemon threads, a deadline per call, and every
 * {@link Throwable} caught and answered as a {@link Guarded} value, so a plugin that throws an
 * {@code Error} or hangs holds one thread, never the caller, and never takes the server down.
 *
 * <p>Two lanes of the same kind: {@link #call} for tool calls, {@link #quick} for the calls that must
 * be fast ({@code descriptor}, {@code risk}), so that a pool full of hung tool calls cannot make every
 * other call's risk time out. A lane refuses a flood ({@link Guarded.Full}) instead of queueing it
 * without end.
 */
public final class ToolExecutor implements AutoCloseable {

    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_QUEUE = 64;

    private final Lane calls;
    private final Lane quick;

    public ToolExecutor(int threads, int queue) {
        this.calls = new Lane("portcullis-tool-", threads, queue);
        this.quick = new Lane("portcullis-tool-quick-", Math.max(2, threads / 4), queue);
    }

    /** Runs {@code body} (a tool's {@code invoke}) and waits at most {@code timeout} for it. */
    public <T> Guarded<T> call(Callable<T> body, Duration timeout) {
        return calls.call(body, timeout);
    }

    /** Runs {@code body} (plugin code that must answer at once) and waits at most {@code timeout} for it. */
    public <T> Guarded<T> quick(Callable<T> body, Duration timeout) {
        return quick.call(body, timeout);
    }

    /** Places of the tool-call lane free now (running or queued calls hold the others). */
    public int freePlaces() {
        return calls.freePlaces();
    }

    @Override
    public void close() {
        calls.close();
        quick.close();
    }
}
