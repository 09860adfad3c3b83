package io.portcullis.models.internal.api;

import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Server-sent events on the response: each event an {@code event:} line, one {@code data:} line of
 * compact JSON and a blank line, flushed at once so the client sees every delta as it comes. A write
 * that fails (the client left) throws {@link CancellationException}, which cancels the provider's call.
 * Usage and the finish reason are not forwarded: the {@code usage} and {@code done} events at the end
 * carry what was charged.
 */
final class SseSink implements CompletionSink {

    private final OutputStream out;

    SseSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void text(String delta) {
        event("delta", Map.of("text", delta));
    }

    @Override
    public void toolCallStart(int index, String id, String name) {
        event("tool_call", start(index, id, name));
    }

    @Override
    public void toolCallArguments(int index, String fragment) {
        event("tool_arguments", fragment(index, fragment));
    }

    @Override
    public void toolCall(int index, ToolCall call) {
        event("tool_call", start(index, call.id(), call.tool()));
        if (call.argumentsError() == null) {
            event("tool_arguments", fragment(index, CompletionJson.text(call.arguments())));
        }
    }

    @Override
    public void usage(Usage usage) {}

    @Override
    public void finish(String reason) {}

    /** Writes one event and flushes it; throws {@link CancellationException} when the client is gone. */
    synchronized void event(String name, Object data) {
        byte[] json = CompletionJson.bytes(data);
        try {
            out.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            out.write(json);
            out.write("\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new CancellationException("the client closed the stream");
        }
    }

    private static Map<String, Object> start(int index, String id, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("index", index);
        data.put("id", id);
        data.put("name", name);
        return data;
    }

    private static Map<String, Object> fragment(int index, String fragment) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("index", index);
        data.put("fragment", fragment);
        return data;
    }
}
