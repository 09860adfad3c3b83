package io.portcullis.agent.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.Conversation;
import io.portcullis.agent.internal.data.HandoffRules;
import io.portcullis.agent.internal.data.Limits;
import io.portcullis.agent.internal.data.ReviewItem;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunStep;
import io.portcullis.spi.ModelProvider;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Response bodies, in the API's snake_case. Message content and step details are as stored: redacted. */
final class Views {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Views() {}

    record LimitsView(
            @JsonProperty("model_calls") int modelCalls,
            @JsonProperty("tool_calls_per_turn") int toolCallsPerTurn,
            @JsonProperty("wall_clock_seconds") int wallClockSeconds,
            @JsonProperty("max_tokens") int maxTokens) {

        static LimitsView of(Limits limits) {
            return new LimitsView(
                    limits.modelCalls(), limits.toolCallsPerTurn(), limits.wallClockSeconds(), limits.maxTokens());
        }
    }

    record HandoffView(List<String> keywords, String message) {

        static HandoffView of(HandoffRules rules) {
            return new HandoffView(rules.keywords(), rules.message());
        }
    }

    record AgentView(
            String id,
            String name,
            int version,
            String instructions,
            @JsonProperty("model_profile") String modelProfile,
            List<String> tools,
            LimitsView limits,
            HandoffView handoff,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static AgentView of(Agent agent) {
            return new AgentView(
                    agent.id(),
                    agent.name(),
                    agent.version(),
                    agent.config().instructions(),
                    agent.config().modelProfile(),
                    agent.config().tools(),
                    LimitsView.of(agent.config().limits()),
                    HandoffView.of(agent.config().handoff()),
                    agent.createdAt(),
                    agent.updatedAt());
        }
    }

    record ConversationView(
            String id,
            @JsonProperty("agent_id") String agentId,
            String channel,
            String status,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static ConversationView of(Conversation c) {
            return new ConversationView(c.id(), c.agentId(), c.channel(), c.status(), c.createdAt(), c.updatedAt());
        }
    }

    record Author(String kind, String id) {}

    record ToolCallView(String id, String tool, Map<String, @Nullable Object> arguments) {

        static ToolCallView of(ModelProvider.ToolCall call) {
            return new ToolCallView(call.id(), call.tool(), call.arguments());
        }
    }

    record MessageView(
            String id,
            long seq,
            String role,
            String content,
            String trust,
            String visibility,
            @JsonProperty("run_id") @Nullable String runId,
            @JsonProperty("tool_call_id") @Nullable String toolCallId,
            @JsonProperty("tool_calls") List<ToolCallView> toolCalls,
            @Nullable String provenance,
            Author author,
            @JsonProperty("created_at") Instant createdAt) {

        static MessageView of(ChatMessage m) {
            return new MessageView(
                    m.id(),
                    m.seq(),
                    m.role().id(),
                    m.content(),
                    Views.trust(m.trust()),
                    m.visibility().id(),
                    m.runId(),
                    m.toolCallId(),
                    m.toolCalls().stream().map(ToolCallView::of).toList(),
                    m.provenance(),
                    new Author(m.authorKind(), m.authorId()),
                    m.createdAt());
        }
    }

    record Usage(
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("cost_micros") long costMicros) {}

    record RunView(
            String id,
            @JsonProperty("conversation_id") String conversationId,
            @JsonProperty("agent_id") String agentId,
            @JsonProperty("agent_version") int agentVersion,
            String state,
            String label,
            @JsonProperty("cancel_requested") boolean cancelRequested,
            @JsonProperty("model_calls") int modelCalls,
            @JsonProperty("tool_calls") int toolCalls,
            Usage usage,
            @JsonProperty("active_millis") long activeMillis,
            @JsonProperty("approval_id") @Nullable String approvalId,
            @JsonProperty("end_reason") @Nullable String endReason,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt,
            @JsonProperty("ended_at") @Nullable Instant endedAt) {

        static RunView of(Run r) {
            return new RunView(
                    r.id(),
                    r.conversationId(),
                    r.agentId(),
                    r.agentVersion(),
                    r.state().id(),
                    Views.trust(r.label()),
                    r.cancelRequested(),
                    r.modelCalls(),
                    r.toolCalls(),
                    new Usage(r.inputTokens(), r.outputTokens(), r.costMicros()),
                    r.activeMillis(),
                    r.approvalId(),
                    r.endReason(),
                    r.createdAt(),
                    r.updatedAt(),
                    r.endedAt());
        }
    }

    /** What {@code POST …/messages} answers: the stored message and the run it queued. */
    record Posted(MessageView message, RunView run) {}

    record StepView(
            int seq,
            String kind,
            String state,
            @JsonProperty("tool_call_id") @Nullable String toolCallId,
            @Nullable String tool,
            @JsonProperty("approval_id") @Nullable String approvalId,
            @JsonProperty("usage_id") @Nullable String usageId,
            @JsonProperty("prompt_sha256") @Nullable String promptSha256,
            String label,
            JsonNode detail,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("finished_at") @Nullable Instant finishedAt) {

        static StepView of(RunStep s) {
            return new StepView(
                    s.seq(),
                    s.kind(),
                    s.state(),
                    s.toolCallId(),
                    s.tool(),
                    s.approvalId(),
                    s.usageId(),
                    s.promptSha256(),
                    Views.trust(s.label()),
                    json(s.detail()),
                    s.createdAt(),
                    s.finishedAt());
        }
    }

    record ReviewView(
            String id,
            String kind,
            @JsonProperty("conversation_id") @Nullable String conversationId,
            @JsonProperty("run_id") @Nullable String runId,
            String reason,
            String detail,
            String status,
            @Nullable String assignee,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static ReviewView of(ReviewItem i) {
            return new ReviewView(
                    i.id(),
                    i.kind(),
                    i.conversationId(),
                    i.runId(),
                    i.reason(),
                    i.detail(),
                    i.status(),
                    i.assignee(),
                    i.createdAt(),
                    i.updatedAt());
        }
    }

    record ChangeView(
            String status,
            @Nullable String assignee,
            @JsonProperty("actor_id") String actorId,
            Instant at) {

        static ChangeView of(ReviewItem.Change c) {
            return new ChangeView(c.status(), c.assignee(), c.actorId(), c.at());
        }
    }

    /** A review item with its history of status and assignee changes, oldest first. */
    record ReviewDetail(
            String id,
            String kind,
            @JsonProperty("conversation_id") @Nullable String conversationId,
            @JsonProperty("run_id") @Nullable String runId,
            String reason,
            String detail,
            String status,
            @Nullable String assignee,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt,
            List<ChangeView> history) {

        static ReviewDetail of(ReviewItem i, List<ReviewItem.Change> history) {
            return new ReviewDetail(
                    i.id(),
                    i.kind(),
                    i.conversationId(),
                    i.runId(),
                    i.reason(),
                    i.detail(),
                    i.status(),
                    i.assignee(),
                    i.createdAt(),
                    i.updatedAt(),
                    history.stream().map(ChangeView::of).toList());
        }
    }

    static String trust(ModelProvider.Trust trust) {
        return trust.name().toLowerCase(Locale.ROOT);
    }

    /** A stored JSON text as a tree; a text that is not JSON shows as a string rather than failing the read. */
    static JsonNode json(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            return tree == null || tree.isMissingNode() ? TextNode.valueOf(text) : tree;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
