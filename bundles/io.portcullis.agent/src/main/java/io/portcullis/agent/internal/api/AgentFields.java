package io.portcullis.agent.internal.api;

import io.portcullis.agent.internal.data.AgentConfig;
import io.portcullis.agent.internal.data.HandoffRules;
import io.portcullis.agent.internal.data.Limits;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ProblemException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An agent body checked and merged over a configuration: a 400 naming the field, never echoing a value.
 * Texts shown to every reader of the agent (name, instructions, handoff words and text) must not hold
 * a secret; tools must be enabled tools of the workspace, never the reserved {@value #HANDOFF}.
 */
final class AgentFields {

    /** The built-in tool every agent is offered to hand a conversation to a person. */
    static final String HANDOFF = "handoff";

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** As the models bundle names its profiles. */
    static final Pattern PROFILE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    static final int MAX_INSTRUCTIONS = 32 * 1024;
    static final int MAX_TOOLS = 64;
    static final int MAX_KEYWORDS = 32;
    static final int MAX_KEYWORD = 100;
    static final int MAX_HANDOFF_MESSAGE = 2000;

    /** The configuration of a new agent: the body over the defaults. */
    static final AgentConfig DEFAULTS = new AgentConfig("", "", List.of(), Limits.DEFAULT, HandoffRules.DEFAULT);

    private final ToolInvoker tools;

    AgentFields(ToolInvoker tools) {
        this.tools = tools;
    }

    /** The name of a new agent, or the new name of an agent (null: unchanged). */
    static @Nullable String name(ApiRequest request, @Nullable String name, boolean required) {
        if (name == null) {
            if (required) {
                throw ProblemException.badRequest("'name' is required.");
            }
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.badRequest(
                    "'name' must be a lower-case slug: a-z or 0-9, then up to 63 of a-z, 0-9, '_' and '-'.");
        }
        request.requireNotSecret("name", name);
        return name;
    }

    /** {@code body} merged over {@code current}; on create {@code current} is {@link #DEFAULTS}. */
    AgentConfig merge(ApiRequest request, String workspaceId, AgentBody body, AgentConfig current, boolean create) {
        String instructions = current.instructions();
        if (create || body.instructions() != null) {
            instructions = Requests.text("instructions", body.instructions(), MAX_INSTRUCTIONS);
            request.requireNotSecret("instructions", instructions);
        }
        String profile = current.modelProfile();
        if (create || body.modelProfile() != null) {
            profile = body.modelProfile();
            if (profile == null || !PROFILE.matcher(profile).matches()) {
                throw ProblemException.badRequest("'model_profile' must be the name of a model profile.");
            }
        }
        List<String> agentTools = body.tools() == null ? current.tools() : tools(workspaceId, body.tools());
        Limits limits = body.limits() == null ? current.limits() : limits(body.limits(), current.limits());
        HandoffRules handoff =
                body.handoff() == null ? current.handoff() : handoff(request, body.handoff(), current.handoff());
        return new AgentConfig(instructions, profile, agentTools, limits, handoff);
    }

    private List<String> tools(String workspaceId, List<String> names) {
        if (names.size() > MAX_TOOLS) {
            throw ProblemException.badRequest("'tools' may name at most " + MAX_TOOLS + " tools.");
        }
        Set<String> enabled = tools.tools(workspaceId).stream()
                .map(t -> t.descriptor().name())
                .collect(Collectors.toSet());
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String field = "tools[" + i + "]";
            if (name == null || name.isEmpty()) {
                throw ProblemException.badRequest("'" + field + "' must be a tool name.");
            }
            if (HANDOFF.equals(name)) {
                throw ProblemException.badRequest(
                        "'" + field + "' names the reserved tool '" + HANDOFF + "', which every agent has.");
            }
            if (!enabled.contains(name)) {
                throw ProblemException.badRequest("'" + field + "' is not a tool enabled in this workspace.");
            }
            if (!seen.add(name)) {
                throw ProblemException.badRequest("'" + field + "' names a tool twice.");
            }
        }
        return List.copyOf(seen);
    }

    static Limits limits(AgentBody.LimitsBody body, Limits current) {
        return new Limits(
                limit("limits.model_calls", body.modelCalls(), current.modelCalls(), Limits.MAX.modelCalls()),
                limit(
                        "limits.tool_calls_per_turn",
                        body.toolCallsPerTurn(),
                        current.toolCallsPerTurn(),
                        Limits.MAX.toolCallsPerTurn()),
                limit(
                        "limits.wall_clock_seconds",
                        body.wallClockSeconds(),
                        current.wallClockSeconds(),
                        Limits.MAX.wallClockSeconds()),
                limit("limits.max_tokens", body.maxTokens(), current.maxTokens(), Limits.MAX.maxTokens()));
    }

    private static int limit(String field, @Nullable Integer value, int current, int max) {
        if (value == null) {
            return current;
        }
        if (value < 1 || value > max) {
            throw ProblemException.badRequest("'" + field + "' must be 1.." + max + ".");
        }
        return value;
    }

    private static HandoffRules handoff(ApiRequest request, AgentBody.HandoffBody body, HandoffRules current) {
        List<String> keywords = current.keywords();
        if (body.keywords() != null) {
            if (body.keywords().size() > MAX_KEYWORDS) {
                throw ProblemException.badRequest("'handoff.keywords' may hold at most " + MAX_KEYWORDS + " entries.");
            }
            for (int i = 0; i < body.keywords().size(); i++) {
                String field = "handoff.keywords[" + i + "]";
                String keyword = Requests.text(field, body.keywords().get(i), MAX_KEYWORD)
                        .strip();
                if (keyword.chars().anyMatch(Character::isISOControl)) {
                    throw ProblemException.badRequest("'" + field + "' must be one line.");
                }
                request.requireNotSecret(field, keyword);
            }
            keywords = body.keywords().stream().map(String::strip).distinct().toList();
        }
        String message = current.message();
        if (body.message() != null) {
            message = Requests.text("handoff.message", body.message(), MAX_HANDOFF_MESSAGE);
            request.requireNotSecret("handoff.message", message);
        }
        return new HandoffRules(keywords, message);
    }
}
