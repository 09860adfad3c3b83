package io.portcullis.models;

import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ToolDescriptor;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One model call as its caller asks for it; the workspace comes from the authenticated context, never
 * from a request body.
 *
 * @param workspaceId the workspace that pays and whose profile is used
 * @param profile the name of the workspace's model profile
 * @param messages the conversation, oldest first
 * @param tools the tools the model may ask for
 * @param maxTokens the most output tokens, or null for the profile's default
 * @param actor who asks, as the audit record names it (an API key id, {@code run:<id>})
 * @param runId the agent run this call belongs to, or null
 * @param requestId the API request this call belongs to, or null
 */
public record ModelCall(
        String workspaceId,
        String profile,
        List<Message> messages,
        List<ToolDescriptor> tools,
        @Nullable Integer maxTokens,
        String actor,
        @Nullable String runId,
        @Nullable String requestId) {

    public ModelCall {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(actor, "actor");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
