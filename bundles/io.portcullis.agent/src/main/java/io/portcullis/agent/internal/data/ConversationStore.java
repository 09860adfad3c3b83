package io.portcullis.agent.internal.data;

import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Conversations and their messages. */
public interface ConversationStore {

    /** Opens a conversation with {@code agentId} (which the caller checked exists). */
    Conversation create(String workspaceId, String agentId, String channel, Runnable record) throws SQLException;

    Optional<Conversation> find(String workspaceId, String conversationId) throws SQLException;

    /** Newest first is not needed: by id (the cursor); filtered by agent and channel when not null. */
    Page<Conversation> list(String workspaceId, @Nullable String agentId, @Nullable String channel, PageRequest page)
            throws SQLException;

    /**
     * Appends a message at the next sequence number of its conversation (concurrent appends each get
     * their own). The content must already be redacted.
     */
    ChatMessage append(String workspaceId, NewMessage message) throws SQLException;

    Optional<ChatMessage> message(String workspaceId, String messageId) throws SQLException;

    /** The last {@code max} messages of the conversation that {@code visible} allows, oldest first. */
    List<ChatMessage> transcript(String workspaceId, String conversationId, Set<Visibility> visible, int max)
            throws SQLException;

    /** A page of the conversation's messages that {@code visible} allows, oldest first (cursor: seq). */
    Page<ChatMessage> messages(String workspaceId, String conversationId, Set<Visibility> visible, PageRequest page)
            throws SQLException;
}
