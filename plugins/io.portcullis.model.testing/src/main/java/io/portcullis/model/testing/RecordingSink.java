package io.portcullis.model.testing;

import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CompletionSink} for tests: keeps every event as a line of text ({@code text:Hello},
 * {@code start:0:call_1:weather.get}, {@code args:0:{"ci}, {@code call:0:...}, {@code usage:19/7},
 * {@code finish:stop}) and joins the text and each call's argument fragments.
 */
public final class RecordingSink implements CompletionSink {

    private final List<String> events = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, StringBuilder> arguments = new TreeMap<>();
    private final Map<Integer, String> names = new TreeMap<>();
    private final Map<Integer, ToolCall> calls = new TreeMap<>();
    private @Nullable Usage usage;
    private @Nullable String finish;

    @Override
    public synchronized void text(String delta) {
        events.add("text:" + delta);
        text.append(delta);
    }

    @Override
    public synchronized void toolCallStart(int index, String id, String name) {
        events.add("start:" + index + ":" + id + ":" + name);
        names.put(index, name);
        arguments.put(index, new StringBuilder());
    }

    @Override
    public synchronized void toolCallArguments(int index, String fragment) {
        events.add("args:" + index + ":" + fragment);
        arguments.computeIfAbsent(index, i -> new StringBuilder()).append(fragment);
    }

    @Override
    public synchronized void toolCall(int index, ToolCall call) {
        events.add("call:" + index + ":" + call);
        calls.put(index, call);
    }

    @Override
    public synchronized void usage(Usage usage) {
        events.add("usage:" + usage.inputTokens() + "/" + usage.outputTokens());
        this.usage = usage;
    }

    @Override
    public synchronized void finish(String reason) {
        events.add("finish:" + reason);
        this.finish = reason;
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The events whose line starts with {@code prefix}, such as {@code args:0:}. */
    public synchronized List<String> events(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).toList();
    }

    public synchronized String text() {
        return text.toString();
    }

    /** Tool call {@code index}'s argument fragments joined, or null when it never started. */
    public synchronized @Nullable String arguments(int index) {
        StringBuilder joined = arguments.get(index);
        return joined == null ? null : joined.toString();
    }

    public synchronized @Nullable String toolName(int index) {
        return names.get(index);
    }

    /** The whole calls told with {@link #toolCall}. */
    public synchronized Map<Integer, ToolCall> calls() {
        return Map.copyOf(calls);
    }

    public synchronized @Nullable Usage usage() {
        return usage;
    }

    public synchronized @Nullable String finish() {
        return finish;
    }
}
