package io.portcullis.itest.plugin.scriptedmodel.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * A model that follows a script instead of thinking, so that the agent loop can be tested step by step
 * through the real gate, metering and invoker. The script is a line {@code SCRIPT: [ ... ]} (a JSON array)
 * in a system message (the agent's instructions). The step answered is the number of assistant messages
 * after the last {@code user} message of the request (the first call of a run answers step 0); past the
 * end, the last step repeats. Each step is an object:
 *
 * <ul>
 *   <li>{@code {"text": "..."}} or {@code {"chunks": ["a", "b"]}}: an answer, streamed as deltas;
 *   <li>{@code {"tool_calls": [{"tool": "note.write", "arguments": {...}}]}}: tool calls. String values in
 *       arguments may hold {@code ${user}} (the last user message's content) and {@code ${find:REGEX}}
 *       (the first match, or group 1, of REGEX in the non-system messages sent; empty when none): a
 *       compromised model copying what it read;
 *   <li>{@code {"handoff": "reason"}}: a call of the agent's built-in {@code handoff} tool;
 *   <li>{@code {"sleep_ms": n, ...}}: waits first, giving up when the core cancels the call;
 *   <li>{@code {"fail": "message", "status": 503}}: the provider fails;
 *   <li>{@code {"echo": true}}: answers {@code ECHO:} and the base64 of a JSON document of what it was
 *       sent (model, max tokens, tool names, and each message's role, trust, content, tool call id and
 *       tool calls), so that a test can assert how the core packed the request. Base64, so that the
 *       redaction of the answer on its way back cannot hide what the request held.
 * </ul>
 *
 * <p>Usage is reported: about one token per four characters. No scope: it calls nothing outside.
 */
@PortcullisPlugin(PortcullisPlugin.MODEL_PROVIDER)
@Component(service = ModelProvider.class)
public final class ScriptedModel implements ModelProvider {

    /** The marker of the script's line in the instructions. */
    static final String MARKER = "SCRIPT:";

    /** The name of the agent's built-in handoff tool. */
    static final String HANDOFF = "handoff";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(user|find:((?:[^}\\\\]|\\\\.)+))}");
    private static final long SLICE_MILLIS = 100;

    @Override
    public Descriptor descriptor() {
        return new Descriptor("model.scripted", "1.0.0", List.of("scripted"));
    }

    @Override
    public Completion complete(CompletionRequest request, CallContext context) throws ModelException {
        Answer answer = answer(request);
        pause(answer.sleepMillis, null);
        answer.failIfAsked();
        return new Completion(
                new Message("assistant", String.join("", answer.chunks)),
                answer.calls,
                answer.usage,
                answer.calls.isEmpty() ? "stop" : "tool_calls");
    }

    @Override
    public void stream(CompletionRequest request, CallContext context, CompletionSink sink) throws ModelException {
        Answer answer = answer(request);
        pause(answer.sleepMillis, sink);
        answer.failIfAsked();
        for (String chunk : answer.chunks) {
            sink.text(chunk);
        }
        for (int i = 0; i < answer.calls.size(); i++) {
            sink.toolCall(i, answer.calls.get(i));
        }
        sink.usage(answer.usage);
        sink.finish(answer.calls.isEmpty() ? "stop" : "tool_calls");
    }

    /**
     * Waits {@code millis} in slices, asking the sink between them (its methods throw once the core gave
     * up) and stopping when the thread is interrupted (the plugin host's cancel).
     */
    private static void pause(long millis, @Nullable CompletionSink sink) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(left, SLICE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("cancelled while waiting");
            }
            if (sink != null) {
                sink.usage(new Usage(0, 0)); // throws CancellationException once the core gave up
            }
        }
    }

    /** What one step answers. */
    private static final class Answer {
        final List<String> chunks = new ArrayList<>();
        final List<ToolCall> calls = new ArrayList<>();
        long sleepMillis;

        @Nullable String failure;

        int failureStatus;
        Usage usage = new Usage(0, 0);

        void failIfAsked() throws ModelException {
            if (failure != null) {
                throw new ModelException(failure, failureStatus, 0);
            }
        }
    }

    private static Answer answer(CompletionRequest request) throws ModelException {
        List<Message> messages = request.messages();
        ArrayNode script = script(messages);
        int index = Math.min(step(messages), script.size() - 1);
        JsonNode step = script.get(index);
        Answer answer = new Answer();
        answer.sleepMillis = step.path("sleep_ms").asLong(0);
        if (step.hasNonNull("fail")) {
            answer.failure = step.path("fail").asText();
            answer.failureStatus = step.path("status").asInt(0);
        }
        if (step.path("echo").asBoolean(false)) {
            answer.chunks.add("ECHO:" + echo(request));
        }
        if (step.hasNonNull("text")) {
            answer.chunks.add(step.path("text").asText());
        }
        for (JsonNode chunk : step.path("chunks")) {
            answer.chunks.add(chunk.asText());
        }
        String nonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        int n = 0;
        for (JsonNode call : step.path("tool_calls")) {
            Map<String, @Nullable Object> arguments = arguments(call.path("arguments"), messages);
            answer.calls.add(new ToolCall(
                    "call_" + index + "_" + n++ + "_" + nonce, call.path("tool").asText(), arguments));
        }
        if (step.hasNonNull("handoff")) {
            Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
            arguments.put("reason", step.path("handoff").asText());
            answer.calls.add(new ToolCall("call_" + index + "_" + n + "_" + nonce, HANDOFF, arguments));
        }
        long input = 1;
        for (Message message : messages) {
            input += message.content().length() / 4;
        }
        long output = 1 + String.join("", answer.chunks).length() / 4 + 10L * answer.calls.size();
        answer.usage = new Usage(input, output);
        return answer;
    }

    /** The script: the JSON array after {@value #MARKER} on a line of a system message. */
    private static ArrayNode script(List<Message> messages) throws ModelException {
        for (Message message : messages) {
            if (!message.role().equals("system")) {
                continue;
            }
            for (String line : message.content().split("\n")) {
                int at = line.indexOf(MARKER);
                if (at < 0) {
                    continue;
                }
                try {
                    JsonNode script = JSON.readTree(line.substring(at + MARKER.length()));
                    if (script instanceof ArrayNode array && !array.isEmpty()) {
                        return array;
                    }
                } catch (JsonProcessingException e) {
                    throw new ModelException("the script is not JSON: " + e.getOriginalMessage());
                }
                throw new ModelException("the script is not a non-empty JSON array");
            }
        }
        throw new ModelException("no " + MARKER + " line in the system messages");
    }

    /** The number of assistant messages after the last user message. */
    private static int step(List<Message> messages) {
        int step = 0;
        for (Message message : messages) {
            if (message.role().equals("user")) {
                step = 0;
            } else if (message.role().equals("assistant")) {
                step++;
            }
        }
        return step;
    }

    private static Map<String, @Nullable Object> arguments(JsonNode arguments, List<Message> messages) {
        JsonNode filled = fill(arguments.isObject() ? arguments.deepCopy() : JSON.createObjectNode(), messages);
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> map = JSON.convertValue(filled, Map.class);
        return map;
    }

    private static JsonNode fill(JsonNode node, List<Message> messages) {
        if (node.isTextual()) {
            return JSON.getNodeFactory().textNode(substitute(node.asText(), messages));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, fill(object.get(name), messages));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), messages));
            }
        }
        return node;
    }

    private static String substitute(String text, List<Message> messages) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("user") ? lastUser(messages) : find(m.group(2), messages);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String lastUser(List<Message> messages) {
        String last = "";
        for (Message message : messages) {
            if (message.role().equals("user")) {
                last = message.content();
            }
        }
        return last;
    }

    private static String find(String regex, List<Message> messages) {
        Pattern pattern = Pattern.compile(regex);
        for (Message message : messages) {
            if (message.role().equals("system")) {
                continue;
            }
            Matcher m = pattern.matcher(message.content());
            if (m.find()) {
                return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
            }
        }
        return "";
    }

    /** The base64 of a JSON document of the request. */
    private static String echo(CompletionRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.model());
        root.put("max_tokens", request.maxTokens());
        ArrayNode tools = root.putArray("tools");
        for (ToolDescriptor tool : request.tools()) {
            tools.add(tool.name());
        }
        ArrayNode messages = root.putArray("messages");
        for (Message message : request.messages()) {
            ObjectNode m = messages.addObject();
            m.put("role", message.role());
            m.put("trust", message.trust().name().toLowerCase(java.util.Locale.ROOT));
            m.put("content", message.content());
            m.put("tool_call_id", message.toolCallId());
            ArrayNode calls = m.putArray("tool_calls");
            for (ToolCall call : message.toolCalls()) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("tool", call.tool());
                c.set("arguments", JSON.valueToTree(call.arguments()));
            }
        }
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            return Base64.getEncoder()
                    .encodeToString(("unprintable: " + e.getOriginalMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }
}
