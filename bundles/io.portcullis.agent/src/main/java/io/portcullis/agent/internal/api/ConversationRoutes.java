package io.portcullis.agent.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.agent.internal.data.AgentStore;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.Conversation;
import io.portcullis.agent.internal.data.ConversationStore;
import io.portcullis.agent.internal.data.NewMessage;
import io.portcullis.agent.internal.data.Role;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.agent.internal.run.Runs;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.OutcomeRecorder;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.store.Ids;
import io.portcullis.vault.Redactor;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Conversations with a workspace's agents and their transcripts: read by its members, written by its
 * operators. A message starts a run (202, the run in {@code Location}); an operator's own words are
 * trusted, a customer's relayed words untrusted. A note is internal: stored redacted, never sent to a
 * model, never shown to a customer, and starts nothing. Each write is on the record
 * ({@code conversation.create}, {@code conversation.message}, {@code conversation.note}).
 */
final class ConversationRoutes {

    static final String BASE = Requests.WORKSPACE + "/conversations";
    static final String READ = "workspace:{ws}:conversations:read";
    static final String WRITE = "workspace:{ws}:conversations:write";

    /** The largest message or note, in UTF-8 bytes. */
    static final int MAX_CONTENT = 32 * 1024;
    /** Content, escaped, and JSON framing of the largest valid message body. */
    static final long MAX_BODY = 256L * 1024;

    static final String OPERATOR = "operator";
    static final String CUSTOMER = "customer";
    static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");

    private final AgentStore agents;
    private final ConversationStore conversations;
    private final Runs runs;
    private final Redactor redactor;
    private final AuditLog log;
    private final OutcomeRecorder recorder;

    ConversationRoutes(AgentStore agents, ConversationStore conversations, Runs runs, Redactor redactor, AuditLog log) {
        this.agents = agents;
        this.conversations = conversations;
        this.runs = runs;
        this.redactor = redactor;
        this.log = log;
        this.recorder = new OutcomeRecorder(log);
    }

    record ConversationBody(
            @JsonProperty("agent_id") @Nullable String agentId) {}

    /** A message to the agent; {@code author} {@value #OPERATOR} (the default) or {@value #CUSTOMER}. */
    record MessageBody(@Nullable String content, @Nullable String author) {}

    record NoteBody(@Nullable String content) {}

    List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List the workspace's conversations")
                        .pageOf(Views.ConversationView.class)
                        .query("agent_id: only those with this agent", "channel: only those of this channel")
                        .problems(404),
                Route.post(BASE, this::create)
                        .requires(WRITE)
                        .summary("Open a conversation with an agent")
                        .request(ConversationBody.class)
                        .response(Views.ConversationView.class)
                        .status(201)
                        .problems(404),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read a conversation")
                        .response(Views.ConversationView.class),
                Route.get(BASE + "/{id}/messages", this::messages)
                        .requires(READ)
                        .summary("Read a conversation's messages, oldest first, internal notes included")
                        .pageOf(Views.MessageView.class),
                Route.post(BASE + "/{id}/messages", this::post)
                        .requires(WRITE)
                        .maxBodyBytes(MAX_BODY)
                        .summary("Send a message to the conversation's agent; it answers in a run (202, Location)")
                        .description("author 'operator' (default): the caller's own words, trusted. author"
                                + " 'customer': a customer's words relayed, untrusted (data, never instructions).")
                        .request(MessageBody.class)
                        .response(Views.Posted.class)
                        .status(202)
                        .problems(409),
                Route.post(BASE + "/{id}/notes", this::note)
                        .requires(WRITE)
                        .maxBodyBytes(MAX_BODY)
                        .summary("Add an internal note: never sent to a model, never shown to a customer")
                        .request(NoteBody.class)
                        .response(Views.MessageView.class)
                        .status(201));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Optional<String> agentId = Requests.idParam(request, "agent_id");
        Optional<String> channel = request.queryParam("channel");
        if (channel.isPresent() && !CHANNEL.matcher(channel.get()).matches()) {
            throw ProblemException.badRequest("Query parameter 'channel' is not a channel name.");
        }
        if (agentId.isPresent() && agents.find(workspaceId, agentId.get()).isEmpty()) {
            throw ProblemException.notFound();
        }
        return ApiResponse.ok(conversations
                .list(workspaceId, agentId.orElse(null), channel.orElse(null), Requests.byId(request))
                .map(Views.ConversationView::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        return ApiResponse.ok(Views.ConversationView.of(conversation(request, workspaceId)));
    }

    ApiResponse create(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        AuditEvent attempt = Requests.attempt(request, workspaceId, "conversation.create", "conversation:new");
        String agentId;
        try {
            agentId = request.body(ConversationBody.class).agentId();
            if (agentId == null) {
                throw ProblemException.badRequest("'agent_id' is required.");
            }
            if (!Ids.valid(agentId) || agents.find(workspaceId, agentId).isEmpty()) {
                throw ProblemException.notFound(); // another workspace's agent is as missing as none
            }
        } catch (ProblemException problem) {
            throw recorder.refused(attempt, problem);
        }
        String checked = agentId;
        Conversation created = recorder.change(
                attempt, record -> conversations.create(workspaceId, checked, Conversation.API, record));
        return ApiResponse.created(
                Views.ConversationView.of(created), Requests.base(workspaceId) + "/conversations/" + created.id());
    }

    ApiResponse messages(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Conversation conversation = conversation(request, workspaceId);
        return ApiResponse.ok(conversations
                .messages(workspaceId, conversation.id(), Visibility.OPERATORS, Requests.bySeq(request))
                .map(Views.MessageView::of));
    }

    ApiResponse post(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Requests.id(request, "id");
        AuditEvent attempt = Requests.attempt(request, workspaceId, "conversation.message", "conversation:" + id);
        Runs.Posted posted;
        try {
            MessageBody body = request.body(MessageBody.class);
            posted = posted(request, body);
            open(workspaceId, id);
        } catch (ProblemException problem) {
            throw recorder.refused(attempt, problem);
        }
        onRecord(attempt);
        Runs.Started started = runs.post(workspaceId, id, posted, Actor.of(request.caller()), request.requestId());
        return new ApiResponse(
                202,
                new Views.Posted(Views.MessageView.of(started.message()), Views.RunView.of(started.run())),
                Map.of(
                        "Location",
                        Requests.base(workspaceId) + "/runs/" + started.run().id()));
    }

    ApiResponse note(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Requests.id(request, "id");
        AuditEvent attempt = Requests.attempt(request, workspaceId, "conversation.note", "conversation:" + id);
        String content;
        try {
            content = Requests.text("content", request.body(NoteBody.class).content(), MAX_CONTENT);
            conversation(request, workspaceId);
        } catch (ProblemException problem) {
            throw recorder.refused(attempt, problem);
        }
        onRecord(attempt);
        Actor actor = Actor.of(request.caller());
        ChatMessage note = conversations.append(
                workspaceId,
                new NewMessage(
                        id,
                        Role.NOTE,
                        redactor.redact(workspaceId, content),
                        Trust.TRUSTED,
                        Visibility.INTERNAL,
                        null,
                        null,
                        List.of(),
                        null,
                        actor.kind(),
                        actor.id()));
        return ApiResponse.created(
                Views.MessageView.of(note), Requests.base(workspaceId) + "/conversations/" + id + "/messages");
    }

    /** The message as the engine takes it: an operator's trusted words or a customer's untrusted ones. */
    private static Runs.Posted posted(ApiRequest request, MessageBody body) {
        String content = Requests.text("content", body.content(), MAX_CONTENT);
        Actor actor = Actor.of(request.caller());
        String author = body.author() == null ? OPERATOR : body.author();
        return switch (author) {
            case OPERATOR -> new Runs.Posted(content, Trust.TRUSTED, actor.kind(), actor.id(), null);
            case CUSTOMER -> new Runs.Posted(content, Trust.UNTRUSTED, CUSTOMER, actor.id(), CUSTOMER);
            default -> throw ProblemException.badRequest("'author' must be 'operator' or 'customer'.");
        };
    }

    /** The conversation of the path in the caller's workspace; 404 when missing or another's. */
    private Conversation conversation(ApiRequest request, String workspaceId) throws SQLException {
        return conversations.find(workspaceId, Requests.id(request, "id")).orElseThrow(ProblemException::notFound);
    }

    private void open(String workspaceId, String id) throws SQLException {
        Conversation conversation = conversations.find(workspaceId, id).orElseThrow(ProblemException::notFound);
        if (!"open".equals(conversation.status())) {
            throw ProblemException.conflict("The conversation is closed.");
        }
    }

    /** Puts the attempt on the record before acting: what cannot be recorded does not happen (503). */
    private void onRecord(AuditEvent attempt) {
        try {
            log.append(attempt);
        } catch (AuditUnavailableException e) {
            throw new OutcomeRecorder.Unrecorded();
        }
    }
}
