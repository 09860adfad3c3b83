package io.portcullis.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A language-model provider, registered by a plugin as an OSGi service. The core calls it only through
 * its metered path (budget reserved, prompt redacted, call audited); the provider talks to its API
 * through {@link CallContext#egress()} with a credential handle, never holding the key.
 *
 * <p>Threading: {@link #complete} and {@link #stream} may run concurrently and must be thread-safe,
 * and return before the context's deadline. Lifecycle: the service exists only while the plugin is
 * active.
 */
@ConsumerType
public interface ModelProvider {

    /** The provider's identity and models; the same value for the life of the service. */
    Descriptor descriptor();

    /** One completion: the model's next message, possibly asking for tool calls. */
    Completion complete(CompletionRequest request, CallContext context) throws ModelException;

    /**
     * One completion, told to {@code sink} as it is generated: text deltas, tool calls and their
     * argument fragments, then usage and the finish reason. The default completes in one piece and
     * tells the result at once; a provider whose API streams overrides it. A sink method throws
     * {@link java.util.concurrent.CancellationException} once the core gave up on the call: let it
     * propagate.
     */
    default void stream(CompletionRequest request, CallContext context, CompletionSink sink) throws ModelException {
        Completion completion = complete(request, context);
        if (!completion.message().content().isEmpty()) {
            sink.text(completion.message().content());
        }
        List<ToolCall> calls = completion.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            sink.toolCall(i, calls.get(i));
        }
        if (completion.usage() != null) {
            sink.usage(completion.usage());
        }
        sink.finish(completion.finishReason());
    }

    /** @param name lower-case dot-separated, such as {@code model.openai} */
    record Descriptor(String name, String version, List<String> models) {}

    /** How much a message's content may be trusted; untrusted content is data, never instructions. */
    enum Trust {
        /** Written by the workspace's operators or the agent's instructions. */
        TRUSTED,
        /** From outside: a customer, a tool result, a document, a web page. */
        UNTRUSTED
    }

    /**
     * One message of the conversation sent to the model.
     *
     * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
     * @param content the text; empty for an assistant message that only calls tools
     * @param toolCallId for role {@code tool}: the id of the call this message answers, else null
     * @param toolCalls for role {@code assistant}: the tool calls it asked for, else empty
     * @param trust where the content comes from
     */
    record Message(String role, String content, @Nullable String toolCallId, List<ToolCall> toolCalls, Trust trust) {

        public Message {
            Objects.requireNonNull(role, "role");
            content = content == null ? "" : content;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            trust = trust == null ? Trust.TRUSTED : trust;
        }

        /** A trusted message without tool calls. */
        public Message(String role, String content) {
            this(role, content, null, List.of(), Trust.TRUSTED);
        }
    }

    /**
     * What to complete, with the tools the model may ask for.
     *
     * @param model the provider's model id, such as {@code gpt-4o-mini}
     * @param baseUrl where a compatible server lives (OpenAI-compatible servers, a proxy), or null for
     *     the provider's own API; the core checked it against the egress rules when it was saved
     * @param credentialId the workspace credential bound to this plugin that authenticates the call
     *     (pass {@link CallContext#credential} of it into the request), or null for none
     */
    record CompletionRequest(
            String model,
            List<Message> messages,
            List<ToolDescriptor> tools,
            int maxTokens,
            @Nullable URI baseUrl,
            @Nullable String credentialId) {

        public CompletionRequest {
            Objects.requireNonNull(model, "model");
            messages = List.copyOf(messages);
            tools = tools == null ? List.of() : List.copyOf(tools);
        }

        /** A request to the provider's own API without a credential. */
        public CompletionRequest(String model, List<Message> messages, List<ToolDescriptor> tools, int maxTokens) {
            this(model, messages, tools, maxTokens, null, null);
        }
    }

    /**
     * A tool call the model asks for; the core runs it through its invoker, never the provider.
     *
     * @param arguments the parsed arguments; empty when they did not parse
     * @param argumentsError why the model's arguments are not a JSON object (the call is answered with
     *     this as a tool error, never run), or null when they are
     */
    record ToolCall(
            String id,
            String tool,
            Map<String, @Nullable Object> arguments,
            @Nullable String argumentsError) {

        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tool, "tool");
            arguments = arguments == null ? Map.of() : arguments;
        }

        /** A call whose arguments parsed. */
        public ToolCall(String id, String tool, Map<String, @Nullable Object> arguments) {
            this(id, tool, arguments, null);
        }
    }

    /** Tokens counted by the provider, for budgets. */
    record Usage(long inputTokens, long outputTokens) {}

    /**
     * The model's answer.
     *
     * @param usage the provider's count, or null when it reported none (the core then charges what it
     *     reserved)
     * @param finishReason why generation stopped: {@code stop}, {@code tool_calls}, {@code length}, or
     *     the provider's own word
     */
    record Completion(
            Message message,
            List<ToolCall> toolCalls,
            @Nullable Usage usage,
            String finishReason) {

        public Completion {
            Objects.requireNonNull(message, "message");
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            finishReason = finishReason == null ? "stop" : finishReason;
        }

        /** An answer that stopped on its own ({@code tool_calls} when it asks for any). */
        public Completion(Message message, List<ToolCall> toolCalls, @Nullable Usage usage) {
            this(message, toolCalls, usage, toolCalls == null || toolCalls.isEmpty() ? "stop" : "tool_calls");
        }
    }

    /**
     * The provider could not complete; the message is shown after redaction.
     *
     * <p>{@link #status()} is the provider API's HTTP status when it answered one (0 otherwise) and
     * {@link #retryAfterSeconds()} its {@code Retry-After} (0 when absent), so the core can tell a rate
     * limit or an outage from a bad request.
     */
    class ModelException extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final long retryAfterSeconds;

        public ModelException(String message) {
            this(message, 0, 0);
        }

        public ModelException(String message, int status, long retryAfterSeconds) {
            super(message);
            this.status = status;
            this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
        }

        public int status() {
            return status;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
