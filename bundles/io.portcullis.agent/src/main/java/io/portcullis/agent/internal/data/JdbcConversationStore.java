package io.portcullis.agent.internal.data;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** {@link ConversationStore} on the {@code agent} schema. */
public final class JdbcConversationStore implements ConversationStore {

    /** A paging cursor of conversations: a conversation id. */
    public static final Pattern CURSOR = Pattern.compile("[0-9a-f]{" + Ids.LENGTH + "}");

    /** A paging cursor of messages: a sequence number. */
    public static final Pattern MESSAGE_CURSOR = Pattern.compile("[0-9]{1,18}");

    private static final String CONVERSATION_COLUMNS =
            "id, workspace_id, agent_id, channel, status, created_at, updated_at";
    private static final String MESSAGE_COLUMNS = "id, workspace_id, conversation_id, seq, role, content, trust,"
            + " visibility, run_id, tool_call_id, tool_calls, provenance, author_kind, author_id, created_at";

    private final Database database;
    private final Clock clock;

    public JdbcConversationStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Conversation create(String workspaceId, String agentId, String channel, Runnable record)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        Conversation conversation = new Conversation(Ids.next(), workspaceId, agentId, channel, "open", now, now);
        database.inWorkspace(workspaceId, connection -> {
            // Locks the agent so that deleting it waits for this conversation (and then refuses).
            boolean agent = Jdbc.one(
                            connection,
                            rows -> rows.getString(1),
                            "SELECT id FROM agent.agents WHERE workspace_id = ? AND id = ? FOR UPDATE",
                            workspaceId,
                            agentId)
                    .isPresent();
            if (!agent) {
                throw ProblemException.notFound();
            }
            Jdbc.update(
                    connection,
                    "INSERT INTO agent.conversations (" + CONVERSATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    conversation.id(),
                    workspaceId,
                    agentId,
                    channel,
                    conversation.status(),
                    now,
                    now);
            record.run();
            return null;
        });
        return conversation;
    }

    @Override
    public Optional<Conversation> find(String workspaceId, String conversationId) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.one(
                        connection,
                        JdbcConversationStore::conversation,
                        "SELECT " + CONVERSATION_COLUMNS
                                + " FROM agent.conversations WHERE workspace_id = ? AND id = ?",
                        workspaceId,
                        conversationId));
    }

    @Override
    public Page<Conversation> list(
            String workspaceId, @Nullable String agentId, @Nullable String channel, PageRequest page)
            throws SQLException {
        List<Conversation> rows = database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        JdbcConversationStore::conversation,
                        "SELECT " + CONVERSATION_COLUMNS + " FROM agent.conversations WHERE workspace_id = ?"
                                + " AND (CAST(? AS VARCHAR(24)) IS NULL OR agent_id = ?)"
                                + " AND (CAST(? AS VARCHAR(32)) IS NULL OR channel = ?)"
                                + " AND id > ? ORDER BY id FETCH FIRST " + page.fetch() + " ROWS ONLY",
                        workspaceId,
                        agentId,
                        agentId,
                        channel,
                        channel,
                        page.after()));
        return page.page(rows, Conversation::id);
    }

    @Override
    public ChatMessage append(String workspaceId, NewMessage message) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            long seq = StoreSql.nextSeq(
                    connection,
                    "agent.conversations",
                    "agent.messages",
                    "conversation_id",
                    workspaceId,
                    message.conversationId());
            ChatMessage stored = new ChatMessage(
                    Ids.next(),
                    workspaceId,
                    message.conversationId(),
                    seq,
                    message.role(),
                    message.content(),
                    message.trust(),
                    message.visibility(),
                    message.runId(),
                    message.toolCallId(),
                    message.toolCalls(),
                    message.provenance(),
                    message.authorKind(),
                    message.authorId(),
                    now);
            Jdbc.update(
                    connection,
                    "INSERT INTO agent.messages (" + MESSAGE_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    stored.id(),
                    workspaceId,
                    stored.conversationId(),
                    seq,
                    stored.role().id(),
                    stored.content(),
                    StoreSql.trust(stored.trust()),
                    stored.visibility().id(),
                    stored.runId(),
                    stored.toolCallId(),
                    StoreJson.toolCalls(stored.toolCalls()),
                    stored.provenance(),
                    stored.authorKind(),
                    stored.authorId(),
                    now);
            Jdbc.update(
                    connection,
                    "UPDATE agent.conversations SET updated_at = ? WHERE workspace_id = ? AND id = ?",
                    now,
                    workspaceId,
                    stored.conversationId());
            return stored;
        });
    }

    @Override
    public Optional<ChatMessage> message(String workspaceId, String messageId) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.one(
                        connection,
                        JdbcConversationStore::message,
                        "SELECT " + MESSAGE_COLUMNS + " FROM agent.messages WHERE workspace_id = ? AND id = ?",
                        workspaceId,
                        messageId));
    }

    @Override
    public List<ChatMessage> transcript(String workspaceId, String conversationId, Set<Visibility> visible, int max)
            throws SQLException {
        if (visible.isEmpty() || max <= 0) {
            return List.of();
        }
        List<ChatMessage> newestFirst = database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        JdbcConversationStore::message,
                        "SELECT " + MESSAGE_COLUMNS + " FROM agent.messages WHERE workspace_id = ?"
                                + " AND conversation_id = ? AND visibility IN (" + StoreSql.marks(visible.size())
                                + ") ORDER BY seq DESC FETCH FIRST " + max + " ROWS ONLY",
                        StoreSql.concat(new Object[] {workspaceId, conversationId}, visibilities(visible))));
        List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return List.copyOf(oldestFirst);
    }

    @Override
    public Page<ChatMessage> messages(
            String workspaceId, String conversationId, Set<Visibility> visible, PageRequest page) throws SQLException {
        if (visible.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        long after = page.after().isEmpty() ? 0 : Long.parseLong(page.after());
        List<ChatMessage> rows = database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        JdbcConversationStore::message,
                        "SELECT " + MESSAGE_COLUMNS + " FROM agent.messages WHERE workspace_id = ?"
                                + " AND conversation_id = ? AND seq > ? AND visibility IN ("
                                + StoreSql.marks(visible.size()) + ") ORDER BY seq FETCH FIRST " + page.fetch()
                                + " ROWS ONLY",
                        StoreSql.concat(new Object[] {workspaceId, conversationId, after}, visibilities(visible))));
        return page.page(rows, m -> Long.toString(m.seq()));
    }

    private static Object[] visibilities(Set<Visibility> visible) {
        return visible.stream().map(Visibility::id).sorted().toArray();
    }

    private static Conversation conversation(ResultSet rows) throws SQLException {
        return new Conversation(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("agent_id"),
                rows.getString("channel"),
                rows.getString("status"),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.requiredInstant(rows, "updated_at"));
    }

    private static ChatMessage message(ResultSet rows) throws SQLException {
        return new ChatMessage(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("conversation_id"),
                rows.getLong("seq"),
                Role.of(rows.getString("role")),
                rows.getString("content"),
                StoreSql.trust(rows.getString("trust")),
                Visibility.of(rows.getString("visibility")),
                rows.getString("run_id"),
                rows.getString("tool_call_id"),
                StoreJson.toolCalls(rows.getString("tool_calls")),
                rows.getString("provenance"),
                rows.getString("author_kind"),
                rows.getString("author_id"),
                Jdbc.requiredInstant(rows, "created_at"));
    }
}
