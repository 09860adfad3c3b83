package io.portcullis.host.wire;

import io.portcullis.spi.ModelProvider;
import org.jspecify.annotations.Nullable;

/**
 * One call of a {@code CompletionSink} on the wire, of {@code type}: {@value #TEXT} ({@code text}),
 * {@value #TOOL_START} ({@code index}, {@code id}, {@code name}), {@value #TOOL_ARGS} ({@code index},
 * the fragment in {@code text}), {@value #TOOL_CALL} ({@code index}, {@code call}), {@value #USAGE}
 * ({@code usage}), {@value #FINISH} (the reason in {@code text}). Fields a type does not use are null.
 */
public record StreamEvent(
        String type,
        int index,
        @Nullable String id,
        @Nullable String name,
        @Nullable String text,
        ModelProvider.@Nullable Usage usage,
        ModelProvider.@Nullable ToolCall call) {

    public static final String TEXT = "text";
    public static final String TOOL_START = "tool_start";
    public static final String TOOL_ARGS = "tool_args";
    public static final String TOOL_CALL = "tool_call";
    public static final String USAGE = "usage";
    public static final String FINISH = "finish";

    public static StreamEvent text(String delta) {
        return new StreamEvent(TEXT, 0, null, null, delta, null, null);
    }

    public static StreamEvent toolStart(int index, String id, String name) {
        return new StreamEvent(TOOL_START, index, id, name, null, null, null);
    }

    public static StreamEvent toolArguments(int index, String fragment) {
        return new StreamEvent(TOOL_ARGS, index, null, null, fragment, null, null);
    }

    public static StreamEvent toolCall(int index, ModelProvider.ToolCall call) {
        return new StreamEvent(TOOL_CALL, index, null, null, null, null, call);
    }

    public static StreamEvent usage(ModelProvider.Usage usage) {
        return new StreamEvent(USAGE, 0, null, null, null, usage, null);
    }

    public static StreamEvent finish(String reason) {
        return new StreamEvent(FINISH, 0, null, null, reason, null, null);
    }

    /** About how many bytes this event takes on the wire, for the batch cap. */
    public int weight() {
        int weight = 64 + length(id) + length(name) + length(text);
        ModelProvider.ToolCall c = call;
        if (c != null) {
            weight += c.id().length()
                    + c.tool().length()
                    + length(c.argumentsError())
                    + String.valueOf(c.arguments()).length();
        }
        return weight;
    }

    private static int length(@Nullable String s) {
        return s == null ? 0 : s.length();
    }
}
