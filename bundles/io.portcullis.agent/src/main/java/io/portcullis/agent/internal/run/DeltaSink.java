package io.portcullis.agent.internal.run;

import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's model call streams: text deltas (already scrubbed by the gateway's hold-back) become
 * {@code message.delta} events, coalesced to at least {@value #FLUSH} characters or until a tool call
 * or the end; every call throws {@link CancellationException} once the run is cancelled, which aborts
 * the provider's stream.
 */
final class DeltaSink implements CompletionSink {

    static final int FLUSH = 64;
    private static final Logger LOG = LoggerFactory.getLogger(DeltaSink.class);

    private final EventBus events;
    private final Cancels cancels;
    private final String workspaceId;
    private final String runId;
    private static final long DRAIN_SECONDS = 10;

    private final StringBuilder pending = new StringBuilder();
    private Future<?> written = CompletableFuture.completedFuture(null);

    DeltaSink(EventBus events, Cancels cancels, String workspaceId, String runId) {
        this.events = events;
        this.cancels = cancels;
        this.workspaceId = workspaceId;
        this.runId = runId;
    }

    @Override
    public synchronized void text(String delta) {
        check();
        pending.append(delta);
        if (pending.length() >= FLUSH) {
            flush();
        }
    }

    @Override
    public synchronized void toolCallStart(int index, String id, String name) {
        check();
        flush();
    }

    @Override
    public void toolCallArguments(int index, String fragment) {
        check();
    }

    @Override
    public synchronized void toolCall(int index, ToolCall call) {
        check();
        flush();
    }

    @Override
    public void usage(Usage usage) {
        check();
    }

    @Override
    public synchronized void finish(String reason) {
        check();
        flush();
    }

    @Override
    public boolean cancelled() {
        return cancels.requested(runId);
    }

    /**
     * Hands what is held to the event writer (never written on the provider's thread, which the gateway
     * interrupts when it gives up on the call); a delta that cannot be stored is dropped (the whole
     * answer is stored anyway).
     */
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        String text = pending.toString();
        pending.setLength(0);
        written = events.appendLater(
                workspaceId, runId, "message.delta", Json.object().put("text", text));
    }

    /** Flushes, then waits until every delta handed over is stored (or dropped). */
    void drain() {
        Future<?> last;
        synchronized (this) {
            flush();
            last = written;
        }
        try {
            last.get(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("A delta of run '{}' was not stored: {}", runId, e.toString());
        }
    }

    private void check() {
        if (cancels.requested(runId)) {
            throw new CancellationException("the run was cancelled");
        }
    }
}
