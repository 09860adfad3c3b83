package io.portcullis.models.testing;

import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

/** A caller's sink that keeps every event as a line; from event {@link #leaveAt} on it throws, as a client that left. */
public final class RecordingSink implements CompletionSink {

    public final List<String> events = new CopyOnWriteArrayList<>();
    public volatile int leaveAt = Integer.MAX_VALUE;
    /** Set: the caller gave up without being told anything ({@link #cancelled}), as a cancelled run. */
    public volatile boolean gaveUp;

    @Override
    public boolean cancelled() {
        return gaveUp;
    }

    private void add(String event) {
        if (events.size() >= leaveAt) {
            throw new CancellationException("test: the client left");
        }
        events.add(event);
    }

    @Override
    public void text(String delta) {
        add("text:" + delta);
    }

    @Override
    public void toolCallStart(int index, String id, String name) {
        add("start:" + index + ":" + id + ":" + name);
    }

    @Override
    public void toolCallArguments(int index, String fragment) {
        add("args:" + index + ":" + fragment);
    }

    @Override
    public void toolCall(int index, ToolCall call) {
        add("call:" + index + ":" + call.id() + ":" + call.arguments());
    }

    @Override
    public void usage(Usage usage) {
        add("usage:" + usage.inputTokens() + "/" + usage.outputTokens());
    }

    @Override
    public void finish(String reason) {
        add("finish:" + reason);
    }
}
