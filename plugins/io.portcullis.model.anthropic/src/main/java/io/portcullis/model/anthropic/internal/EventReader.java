package io.portcullis.model.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressStreamSink;
import io.portcullis.spi.ModelProvider.Completion;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.spi.ModelProvider.Usage;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a streamed message, server-sent events, and tells {@link CompletionSink} as it goes:
 * {@code message_start} keeps the input usage; {@code content_block_start} of a {@code tool_use} block
 * starts a tool call (numbered from 0 among the tool calls, whatever the block's index);
 * {@code content_block_delta} tells {@code text_delta} as text and {@code input_json_delta} as
 * argument fragments; {@code message_delta} tells the usage and keeps the stop reason;
 * {@code message_stop} ends it, and the finish follows. {@code ping} and unknown event types are
 * ignored (the API may add some); {@code error} fails the call with the status its type stands for. A
 * stream that ends before the message did fails. One instance per call; called from one thread.
 */
final class EventReader implements EgressStreamSink {

    private static final int MAX_ERROR_BODY = 65_536;

    private final ObjectMapper json;
    private final ToolNames names;
    private final CompletionSink sink;
    private int status;
    private Map<String, List<String>> headers = Map.of();
    private boolean opened;
    private boolean plainJson;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private final Map<Integer, Block> blocks = new HashMap<>();
    private int toolCalls;
    private JsonNode inputUsage = MissingNode.getInstance();
    private @Nullable String stopReason;
    private boolean stopped;
    private @Nullable ModelException failure;

    /** A content block being streamed: its tool call's index, or -1 for text and other kinds. */
    private static final class Block {
        final int call;
        final String initialInput;
        boolean hasArguments;

        Block(int call, String initialInput) {
            this.call = call;
            this.initialInput = initialInput;
        }
    }

    EventReader(ObjectMapper json, ToolNames names, CompletionSink sink) {
        this.json = json;
        this.names = names;
        this.sink = sink;
    }

    @Override
    public void open(int status, Map<String, List<String>> headers) {
        this.status = status;
        this.headers = headers;
        this.opened = true;
        String type = ProviderErrors.header(headers, "content-type");
        this.plainJson = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    @Override
    public boolean line(String line) {
        if (status < 200 || status > 299 || plainJson) {
            body.append(line).append('\n');
            return body.length() <= MAX_ERROR_BODY || plainJson;
        }
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
        }
        return true; // the event: line repeats the data's type; comments, id: and retry: carry nothing
    }

    /** After {@code egress().stream} returned: the finish, or why the completion failed. */
    void end() throws ModelException {
        if (status < 200 || status > 299) {
            throw ProviderErrors.error(json, status, headers, body.toString());
        }
        if (plainJson) {
            replay(new MessagesAnswers(json).completion(body.toString(), names));
            return;
        }
        if (failure == null && !stopped && !data.isEmpty()) {
            dispatch(); // the last event, without its closing empty line
        }
        if (failure != null) {
            throw failure;
        }
        if (!stopped && stopReason == null) {
            throw new ModelException("the stream ended early");
        }
        sink.finish(MessagesAnswers.finish(stopReason));
    }

    /** {@code stream} failed: a refusal before anything came, or a stream broken on the way. */
    ModelException broken(EgressException e) {
        String reason = e.reason().name().toLowerCase(Locale.ROOT);
        String what = opened ? "the stream ended early (" : "the request failed (";
        return new ModelException(what + reason + "): " + ProviderErrors.clean(String.valueOf(e.getMessage())));
    }

    private boolean dispatch() {
        String payload = data.toString().strip();
        data.setLength(0);
        if (payload.isEmpty()) {
            return true;
        }
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (IOException e) {
            event = null;
        }
        if (event == null || !event.isObject() || !event.path("type").isTextual()) {
            return fail(new ModelException("the provider sent an event that is not a JSON event"));
        }
        return switch (event.path("type").asText()) {
            case "message_start" -> {
                inputUsage = event.path("message").path("usage");
                yield true;
            }
            case "content_block_start" -> start(event);
            case "content_block_delta" -> delta(event);
            case "content_block_stop" -> stop(event);
            case "message_delta" -> messageDelta(event);
            case "message_stop" -> {
                stopped = true;
                yield false;
            }
            case "error" -> error(event);
            default -> true; // ping, and event types added after this plugin
        };
    }

    private boolean start(JsonNode event) {
        JsonNode block = event.path("content_block");
        int index = event.path("index").asInt(-1);
        if (block.path("type").asText().equals("tool_use")) {
            if (!block.path("id").isTextual() || !block.path("name").isTextual()) {
                return fail(new ModelException("the provider started a tool call without an id or a name"));
            }
            JsonNode input = block.path("input");
            String initial = input.isObject() && !input.isEmpty() ? input.toString() : "{}";
            Block started = new Block(toolCalls++, initial);
            blocks.put(index, started);
            sink.toolCallStart(
                    started.call,
                    block.path("id").asText(),
                    names.tool(block.path("name").asText()));
        } else {
            blocks.put(index, new Block(-1, ""));
            String text = block.path("text").asText("");
            if (block.path("type").asText().equals("text") && !text.isEmpty()) {
                sink.text(text);
            }
        }
        return true;
    }

    private boolean delta(JsonNode event) {
        Block block = blocks.get(event.path("index").asInt(-1));
        if (block == null) {
            return fail(new ModelException("the provider sent a delta for a block it never started"));
        }
        JsonNode delta = event.path("delta");
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                String text = delta.path("text").asText("");
                if (!text.isEmpty()) {
                    sink.text(text);
                }
            }
            case "input_json_delta" -> {
                String fragment = delta.path("partial_json").asText("");
                if (block.call >= 0 && !fragment.isEmpty()) {
                    sink.toolCallArguments(block.call, fragment);
                    block.hasArguments = true;
                }
            }
            default -> {} // thinking, signatures and citations are not part of the answer
        }
        return true;
    }

    private boolean stop(JsonNode event) {
        Block block = blocks.get(event.path("index").asInt(-1));
        if (block != null && block.call >= 0 && !block.hasArguments) {
            sink.toolCallArguments(block.call, block.initialInput); // a call without arguments
            block.hasArguments = true;
        }
        return true;
    }

    private boolean messageDelta(JsonNode event) {
        JsonNode reason = event.path("delta").path("stop_reason");
        if (reason.isTextual()) {
            stopReason = reason.asText();
        }
        JsonNode usage = event.path("usage");
        // Newer API versions repeat the input count here; older ones only in message_start.
        Usage told = MessagesAnswers.usage(usage.has("input_tokens") ? usage : inputUsage, usage);
        if (told != null) {
            sink.usage(told);
        }
        return true;
    }

    private boolean error(JsonNode event) {
        JsonNode error = event.path("error");
        String type = error.path("type").asText("error");
        String message = error.path("message").isTextual()
                ? ProviderErrors.clean(error.path("message").asText())
                : type;
        return fail(new ModelException(
                "the provider failed mid-stream (" + ProviderErrors.clean(type) + "): " + message,
                ProviderErrors.status(type),
                0));
    }

    private boolean fail(ModelException e) {
        failure = e;
        return false;
    }

    private void replay(Completion completion) {
        if (!completion.message().content().isEmpty()) {
            sink.text(completion.message().content());
        }
        for (int i = 0; i < completion.toolCalls().size(); i++) {
            sink.toolCall(i, completion.toolCalls().get(i));
        }
        if (completion.usage() != null) {
            sink.usage(completion.usage());
        }
        sink.finish(completion.finishReason());
    }
}
