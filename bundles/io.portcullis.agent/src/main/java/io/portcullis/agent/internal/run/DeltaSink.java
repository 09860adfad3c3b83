package io.portcullis.agent.internal.run;

import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.concurrent.CancellationException;
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
    private final StringBuilder pending = new StringBuilder();

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

    /** Writes what is held; a delta that cannot be stored is dropped (the whole answer is stored anyway). */
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        String text = pending.toString();
        pending.setLength(0);
        try {
            events.append(workspaceId, runId, "message.delta", Json.object().put("text", text));
        } catch (Exception e) {
            LOG.warn("Could not store a delta of run '{}': {}", runId, e.toString());
        }
    }

    private void check() {
        if (cancels.requested(runId)) {
            throw new CancellationException("the run was cancelled");
        }
    }
}
