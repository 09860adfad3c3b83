package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.NewMessage;
import io.portcullis.agent.internal.data.NewStep;
import io.portcullis.agent.internal.data.Role;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.RunStep;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A run the agent cannot finish goes to a person: a handoff keyword in the message that started it,
 * the model's built-in {@code handoff} tool, a limit, the budget or a failure. The customer reads the
 * agent's fixed handoff text (never a model's guess), and the workspace's review queue gets an
 * escalation. A {@code handoff} step is written first, so a node resuming the run finishes the move.
 */
final class Handoff {

    /** The built-in tool the model calls to hand the conversation to a person. */
    static final String TOOL = "handoff";

    static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            TOOL,
            "1.0.0",
            "Hand this conversation to a person of the team when you cannot or should not answer it yourself.",
            "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\",\"maxLength\":500}},"
                    + "\"required\":[\"reason\"],\"additionalProperties\":false}",
            Risk.READ);

    private final Parts parts;

    Handoff(Parts parts) {
        this.parts = parts;
    }

    /** Whether a keyword (case-insensitive, whole words or phrases) stands in {@code text}. */
    static boolean matches(List<String> keywords, String text) {
        String normal = Normalizer.normalize(Envelope.strip(text), Normalizer.Form.NFKC);
        for (String keyword : keywords) {
            String word = keyword.strip();
            if (word.isEmpty()) {
                continue;
            }
            Pattern pattern = Pattern.compile(
                    "(?<![\\p{L}\\p{N}_])" + Pattern.quote(word).replace(" ", "\\E\\s+\\Q") + "(?![\\p{L}\\p{N}_])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            if (pattern.matcher(normal).find()) {
                return true;
            }
        }
        return false;
    }

    /** Ends the run in {@code end} (handed_off, limit_reached, budget_exhausted or failed). */
    void end(Run run, Agent agent, RunState end, String reason, String detail) throws SQLException {
        String ws = run.workspaceId();
        RunStep step = parts.runs()
                .startStep(
                        ws, run.id(), new NewStep("handoff", null, null, null, run.label(), stepDetail(end, reason)));
        ChatMessage text = parts.conversations()
                .append(
                        ws,
                        new NewMessage(
                                run.conversationId(),
                                Role.ASSISTANT,
                                agent.config().handoff().message(),
                                Trust.TRUSTED,
                                Visibility.CUSTOMER,
                                run.id(),
                                null,
                                List.of(),
                                null,
                                "agent",
                                agent.id()));
        parts.events().append(ws, run.id(), "message.completed", Loop.completed(text));
        parts.review()
                .open(
                        ws,
                        "escalation",
                        run.conversationId(),
                        run.id(),
                        reason,
                        parts.redactor().redact(ws, detail),
                        "agent:" + agent.id());
        parts.runs().finishStep(ws, run.id(), step.seq(), "done", stepDetail(end, reason), null, null);
        parts.states().move(ws, run.id(), RunState.RUNNING, end, reason, Loop.SYSTEM, null);
    }

    /** Finishes a handoff that a dead node had started: the move it did not make. */
    boolean resume(Run run) throws SQLException {
        Optional<RunStep> started = parts.runs().steps(run.workspaceId(), run.id()).stream()
                .filter(step -> step.kind().equals("handoff"))
                .reduce((first, second) -> second);
        if (started.isEmpty()) {
            return false;
        }
        var detail = Json.parse(started.get().detail());
        RunState end = RunState.of(detail.path("state").asText("handed_off"));
        parts.states()
                .move(
                        run.workspaceId(),
                        run.id(),
                        RunState.RUNNING,
                        end,
                        detail.path("reason").asText(end.id()),
                        Loop.SYSTEM,
                        null);
        return true;
    }

    private static String stepDetail(RunState end, String reason) {
        return Json.object().put("state", end.id()).put("reason", reason).toString();
    }
}
