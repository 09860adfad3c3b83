package io.portcullis.models.internal.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.Completion;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The sink the gateway hands a provider: assembles the {@link Completion} (tool-call argument fragments
 * joined per index and parsed; text that is not a JSON object becomes {@link ToolCall#argumentsError},
 * never an exception) and forwards each delta, scrubbed by the workspace's redactor, to the caller's
 * sink. With hold-back on, text and argument fragments are forwarded only up to their last whitespace
 * (the rest waits for the next delta, at most {@value #MAX_HOLD} characters), so a secret, which is
 * one run of non-blank characters, reaches the redactor whole even when the model splits it across
 * deltas. Once {@link #close closed} (the call ended, its deadline passed) every method throws
 * {@link CancellationException}, so a late provider reaches nobody; a {@link CancellationException} of
 * the caller's sink (the client left) is remembered and propagates into the provider.
 */
final class Assembler implements CompletionSink {

    /** The most text and argument characters a completion may hold; past it the provider is cut off. */
    static final int MAX_CHARS = 8 * 1024 * 1024;

    /** The most characters held back waiting for whitespace. */
    static final int MAX_HOLD = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Pending {
        @Nullable String id;

        @Nullable String name;

        final StringBuilder arguments = new StringBuilder();

        /** Argument text not yet forwarded: it waits for a whitespace. */
        final StringBuilder held = new StringBuilder();

        @Nullable ToolCall whole;
    }

    private final UnaryOperator<String> redactor;
    private final CompletionSink caller;
    private final ReentrantLock forwarding = new ReentrantLock();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder heldText = new StringBuilder();
    private final boolean holdBack;
    private final Map<Integer, Pending> calls = new TreeMap<>();
    private volatile boolean closed;
    private volatile boolean cancelled;
    private volatile boolean reached;
    private volatile boolean overflow;
    private volatile @Nullable Usage usage;
    private @Nullable String finishReason;
    private long chars;

    Assembler(UnaryOperator<String> redactor, CompletionSink caller, boolean holdBack) {
        this.redactor = redactor;
        this.caller = caller;
        this.holdBack = holdBack;
    }

    @Override
    public void text(String delta) {
        count(delta.length());
        text.append(delta);
        heldText.append(delta);
        String ready = release(heldText, false);
        if (!ready.isEmpty()) {
            forward(() -> caller.text(redactor.apply(ready)));
        }
    }

    @Override
    public void toolCallStart(int index, String id, String name) {
        Pending call = pending(index);
        drainAll();
        call.id = id;
        call.name = name;
        forward(() -> caller.toolCallStart(index, id, name));
    }

    @Override
    public void toolCallArguments(int index, String fragment) {
        count(fragment.length());
        Pending call = pending(index);
        drainText();
        call.arguments.append(fragment);
        call.held.append(fragment);
        String ready = release(call.held, false);
        if (!ready.isEmpty()) {
            forward(() -> caller.toolCallArguments(index, redactor.apply(ready)));
        }
    }

    @Override
    public void toolCall(int index, ToolCall call) {
        Pending pending = pending(index);
        drainAll();
        ToolCall scrubbed = scrub(call);
        pending.whole = scrubbed;
        forward(() -> caller.toolCall(index, scrubbed));
    }

    @Override
    public void usage(Usage reported) {
        enter();
        drainAll();
        this.usage = reported;
        forward(() -> caller.usage(reported));
    }

    @Override
    public void finish(String reason) {
        enter();
        drainAll();
        this.finishReason = reason;
        forward(() -> caller.finish(reason));
    }

    /** Forwards whatever is held back: the provider ended. Throws {@link CancellationException} if the caller left. */
    void drain() {
        enter();
        drainAll();
    }

    private void drainAll() {
        drainText();
        for (Map.Entry<Integer, Pending> entry : calls.entrySet()) {
            String rest = release(entry.getValue().held, true);
            if (!rest.isEmpty()) {
                int index = entry.getKey();
                forward(() -> caller.toolCallArguments(index, redactor.apply(rest)));
            }
        }
    }

    private void drainText() {
        String rest = release(heldText, true);
        if (!rest.isEmpty()) {
            forward(() -> caller.text(redactor.apply(rest)));
        }
    }

    /** What of {@code held} may go now: all of it, or up to its last whitespace; removed from it. */
    private String release(StringBuilder held, boolean all) {
        int cut = held.length();
        if (holdBack && !all) {
            int last = cut - 1;
            while (last >= 0 && !Character.isWhitespace(held.charAt(last))) {
                last--;
            }
            cut = cut - (last + 1) > MAX_HOLD ? cut : last + 1;
        }
        String ready = held.substring(0, cut);
        held.delete(0, cut);
        return ready;
    }

    /** No event reaches anyone from now on; waits for one being forwarded to finish. */
    void close() {
        closed = true;
        forwarding.lock();
        forwarding.unlock();
    }

    /**
     * Whether the caller gave up: its sink threw (the client left) or says so
     * ({@link CompletionSink#cancelled}, a cancelled run); remembered. The provider may ask it too.
     */
    @Override
    public boolean cancelled() {
        if (!cancelled && caller.cancelled()) {
            cancelled = true;
        }
        return cancelled;
    }

    /** Whether the provider told anything (text, a tool call, usage, a finish). */
    boolean reached() {
        return reached;
    }

    /** Whether the provider sent more than {@link #MAX_CHARS}. */
    boolean overflow() {
        return overflow;
    }

    @Nullable Usage usage() {
        return usage;
    }

    /** The completion as told so far, text scrubbed, tool arguments parsed. */
    Completion completion() {
        List<ToolCall> toolCalls = new ArrayList<>();
        for (Pending call : calls.values()) {
            if (call.whole != null) {
                toolCalls.add(call.whole);
            } else if (call.id != null && call.name != null) {
                toolCalls.add(parsed(call.id, call.name, call.arguments.toString()));
            }
        }
        String reason = finishReason != null ? finishReason : toolCalls.isEmpty() ? "stop" : "tool_calls";
        return new Completion(new Message("assistant", redactor.apply(text.toString())), toolCalls, usage, reason);
    }

    /** Joined argument text as a tool call: a JSON object's fields, or why it is not one. */
    ToolCall parsed(String id, String name, String arguments) {
        if (arguments.isBlank()) {
            return new ToolCall(id, name, Map.of()); // a call without arguments sends none
        }
        JsonNode node;
        try {
            node = JSON.readTree(arguments);
        } catch (JsonProcessingException | RuntimeException e) {
            return new ToolCall(id, name, Map.of(), "the model's arguments are not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return new ToolCall(id, name, Map.of(), "the model's arguments are not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> map = JSON.convertValue(node, LinkedHashMap.class);
        return scrub(new ToolCall(id, name, map));
    }

    private ToolCall scrub(ToolCall call) {
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> arguments = (Map<String, @Nullable Object>) scrubValue(call.arguments());
        return new ToolCall(call.id(), call.tool(), arguments, call.argumentsError());
    }

    private @Nullable Object scrubValue(@Nullable Object value) {
        if (value instanceof String s) {
            return redactor.apply(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), scrubValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(scrubValue(v)));
            return copy;
        }
        return value;
    }

    private Pending pending(int index) {
        enter();
        if (index < 0 || index > 1024) {
            overflow = true;
            throw new CancellationException("tool call index out of range");
        }
        return calls.computeIfAbsent(index, i -> new Pending());
    }

    private void count(int more) {
        enter();
        chars += more;
        if (chars > MAX_CHARS) {
            overflow = true;
            throw new CancellationException("the completion is too long");
        }
    }

    private void enter() {
        if (closed) {
            throw new CancellationException("the call ended");
        }
        reached = true;
    }

    private void forward(Runnable event) {
        forwarding.lock();
        try {
            if (closed) {
                throw new CancellationException("the call ended");
            }
            event.run();
        } catch (CancellationException e) {
            if (!closed) {
                cancelled = true;
            }
            throw e;
        } finally {
            forwarding.unlock();
        }
    }
}
