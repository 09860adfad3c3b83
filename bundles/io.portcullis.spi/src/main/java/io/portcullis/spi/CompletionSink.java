package io.portcullis.spi;

import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link ModelProvider} tells a streamed completion, in the order it arrives. The core
 * implements it; every method may throw {@link java.util.concurrent.CancellationException} once the
 * core gave up on the call (the client left, the deadline passed). Called from one thread at a time.
 *
 * <p>Tool calls are numbered by {@code index} from 0 in the order the model starts them; a call's
 * arguments arrive as fragments of one JSON object text that the core joins and parses (a text that
 * is not a JSON object becomes a tool error answered to the model, never a crash).
 */
@ProviderType
public interface CompletionSink {

    /** The next piece of the answer's text. */
    void text(String delta);

    /** Tool call {@code index} starts: its id and the tool's name. */
    void toolCallStart(int index, String id, String name);

    /** The next fragment of the JSON arguments of tool call {@code index}. */
    void toolCallArguments(int index, String fragment);

    /** A whole tool call at once, with parsed arguments (what the default {@link ModelProvider#stream} tells). */
    void toolCall(int index, ToolCall call);

    /** The provider's token count; may come more than once (the last one counts). */
    void usage(Usage usage);

    /** Generation stopped: {@code stop}, {@code tool_calls}, {@code length} or the provider's own word. */
    void finish(String reason);

    /**
     * Whether the caller gave up on the call (a cancelled agent run) even though nothing was told since:
     * the core asks it while it waits for a provider that is silent, and then aborts the call as if a
     * method had thrown {@link java.util.concurrent.CancellationException}. Must return quickly.
     */
    default boolean cancelled() {
        return false;
    }
}
