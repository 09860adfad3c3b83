package io.portcullis.model.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressStreamSink;
import io.portcullis.spi.ModelProvider.Completion;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.spi.ModelProvider.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a streamed chat completion, server-sent events of {@code chat.completion.chunk}s ending with
 * {@code data: [DONE]}, and tells {@link CompletionSink} as it goes: {@code delta.content} as text,
 * {@code delta.tool_calls[]} fragments as tool-call starts and argument fragments, the {@code usage}
 * chunk as usage; the finish reason at the end, after the usage chunk that follows it. Comments
 * ({@code :}) and {@code event:}/{@code id:}/{@code retry:} fields are ignored. A stream that ends
 * before {@code [DONE]} or a finish reason, or carries an event that is not a JSON chunk, fails; an error
 * status is read as the provider's error. One instance per call; called from one thread.
 */
final class ChunkReader implements EgressStreamSink {

    private static final int MAX_ERROR_BODY = 65_536;

    private final ObjectMapper json;
    private final ToolNames names;
    private final CompletionSink sink;
    private final ChatAnswers answers;
    private int status;
    private Map<String, List<String>> headers = Map.of();
    private boolean opened;
    private boolean plainJson;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private final Map<Integer, Call> byProviderIndex = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private @Nullable String finish;
    private boolean done;
    private @Nullable ModelException failure;

    private static final class Call {
        final int index;
        final String id;
        boolean hasArguments;

        Call(int index, String id) {
            this.index = index;
            this.id = id;
        }
    }

    ChunkReader(ObjectMapper json, ToolNames names, CompletionSink sink) {
        this.json = json;
        this.names = names;
        this.sink = sink;
        this.answers = new ChatAnswers(json);
    }

    @Override
    public void open(int status, Map<String, List<String>> headers) {
        this.status = status;
        this.headers = headers;
        this.opened = true;
        String type = ProviderErrors.header(headers, "content-type");
        // A server that ignored "stream": true answers one chat.completion as JSON.
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
        return true; // comments, event:, id:, retry: carry nothing for chat completions
    }

    /** After {@code egress().stream} returned: the finish reason, or why the completion failed. */
    void end() throws ModelException {
        if (status < 200 || status > 299) {
            throw ProviderErrors.error(json, status, headers, body.toString());
        }
        if (plainJson) {
            replay(answers.completion(body.toString(), names));
            return;
        }
        if (failure == null && !done && !data.isEmpty()) {
            dispatch(); // the last event, without its closing empty line
        }
        if (failure != null) {
            throw failure;
        }
        if (!done && finish == null) {
            throw new ModelException("the stream ended early");
        }
        for (Call call : calls) {
            if (!call.hasArguments) {
                sink.toolCallArguments(call.index, "{}");
            }
        }
        sink.finish(finish == null ? "stop" : finish);
    }

    /** {@code stream} failed: a refusal before anything came, or a stream broken on the way. */
    ModelException broken(EgressException e) {
        String reason = e.reason().name().toLowerCase(Locale.ROOT);
        String what = opened ? "the stream ended early (" : "the request failed (";
        return new ModelException(what + reason + "): " + ProviderErrors.clean(String.valueOf(e.getMessage())));
    }

    private boolean dispatch() {
        String event = data.toString().strip();
        data.setLength(0);
        if (event.isEmpty()) {
            return true;
        }
        if (event.equals("[DONE]")) {
            done = true;
            return false;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(event);
        } catch (IOException e) {
            chunk = null;
        }
        if (chunk == null || !chunk.isObject()) {
            failure = new ModelException("the provider sent an event that is not a JSON chunk");
            return false;
        }
        if (chunk.has("error")) {
            String detail = ProviderErrors.detail(json, event);
            failure = new ModelException("the provider failed mid-stream" + (detail == null ? "" : ": " + detail));
            return false;
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (!read(choice)) {
                return false;
            }
        }
        Usage usage = ChatAnswers.usage(chunk.path("usage"));
        if (usage != null) {
            sink.usage(usage);
        }
        return true;
    }

    private boolean read(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        if (delta.path("content").isTextual() && !delta.path("content").asText().isEmpty()) {
            sink.text(delta.path("content").asText());
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
            if (!toolCall(fragment)) {
                return false;
            }
        }
        if (choice.path("finish_reason").isTextual()) {
            finish = choice.path("finish_reason").asText();
        }
        return true;
    }

    private boolean toolCall(JsonNode fragment) {
        int providerIndex = fragment.path("index").canConvertToInt()
                ? fragment.path("index").asInt()
                : calls.size() - (fragment.path("id").isTextual() || calls.isEmpty() ? 0 : 1);
        Call call = byProviderIndex.get(providerIndex);
        String id = fragment.path("id").isTextual() ? fragment.path("id").asText() : null;
        JsonNode function = fragment.path("function");
        if (call == null || (id != null && !id.isEmpty() && !id.equals(call.id))) {
            // A new call; a server that numbers every call 0 is told apart by the new id.
            if (!function.path("name").isTextual()) {
                failure = new ModelException("the provider started a tool call without a name");
                return false;
            }
            call = new Call(calls.size(), id == null || id.isEmpty() ? "call_" + calls.size() : id);
            calls.add(call);
            byProviderIndex.put(providerIndex, call);
            sink.toolCallStart(
                    call.index, call.id, names.tool(function.path("name").asText()));
        }
        JsonNode arguments = function.path("arguments");
        String text = arguments.isTextual() ? arguments.asText() : arguments.isObject() ? arguments.toString() : "";
        if (!text.isEmpty()) {
            sink.toolCallArguments(call.index, text);
            call.hasArguments = true;
        }
        return true;
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
