package io.portcullis.spi;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A language-model provider, registered by a plugin as an OSGi service. The core calls it through
 * its metered path (scope {@code model.invoke} for plugins that want to call models themselves);
 * the provider talks to its API through {@link CallContext#egress()} with a credential handle.
 *
 * <p>Threading: {@link #complete} may run concurrently and must be thread-safe, and return before
 * the context's deadline. Lifecycle: the service exists only while the plugin is active.
 */
@ConsumerType
public interface ModelProvider {

    /** The provider's identity and models; the same value for the life of the service. */
    Descriptor descriptor();

    /** One completion: the model's next message, possibly asking for tool calls. */
    Completion complete(CompletionRequest request, CallContext context) throws ModelException;

    /** @param name lower-case dot-separated, such as {@code model.openai} */
    record Descriptor(String name, String version, List<String> models) {}

    /** @param role {@code system}, {@code user}, {@code assistant} or {@code tool} */
    record Message(String role, String content) {}

    /** What to complete, with the tools the model may ask for. */
    record CompletionRequest(String model, List<Message> messages, List<ToolDescriptor> tools, int maxTokens) {}

    /** A tool call the model asks for; the core runs it through its invoker, never the provider. */
    record ToolCall(String id, String tool, Map<String, @Nullable Object> arguments) {}

    /** Tokens counted by the provider, for budgets. */
    record Usage(long inputTokens, long outputTokens) {}

    /** The model's answer. */
    record Completion(Message message, List<ToolCall> toolCalls, Usage usage) {}

    /** The provider could not complete; the message is shown after redaction. */
    class ModelException extends Exception {
        private static final long serialVersionUID = 1L;

        public ModelException(String message) {
            super(message);
        }
    }
}
