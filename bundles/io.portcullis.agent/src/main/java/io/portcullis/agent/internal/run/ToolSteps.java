package io.portcullis.agent.internal.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.NewMessage;
import io.portcullis.agent.internal.data.NewStep;
import io.portcullis.agent.internal.data.Role;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.RunStep;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.audit.Actor;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.Taint;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolInfo;
import io.portcullis.tools.ToolOutcome;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tool calls of a run's last answer, each answered to the model by a tool message: at most the
 * agent's tool calls per turn (the rest refused {@code limit}), only tools the agent may call, each
 * through the tool invoker with the run's taint. A {@code started} step is persisted before the
 * invoker is asked, so a call found {@code started} on resume (its node died) is answered
 * {@code interrupted}, never made again. A call that needs an approval parks the run, holding no thread.
 */
final class ToolSteps {

    private static final String ENGINE = "engine";

    private final Parts parts;
    private final Agent agent;
    private final Envelope envelope;
    private final Runnable resubmit;

    ToolSteps(Parts parts, Agent agent, Envelope envelope, Runnable resubmit) {
        this.parts = parts;
        this.agent = agent;
        this.envelope = envelope;
        this.resubmit = resubmit;
    }

    /** Whether a call of {@code answer} has no tool message yet. */
    static boolean unanswered(ChatMessage answer, List<ChatMessage> view) {
        Set<String> answered = answered(view);
        return answer.toolCalls().stream().anyMatch(call -> !answered.contains(call.id()));
    }

    /** The agent's tools that the workspace can still call, by name. */
    Map<String, ToolDescriptor> allowed() {
        Map<String, ToolDescriptor> allowed = new LinkedHashMap<>();
        for (ToolInfo info : parts.tools().tools(agent.workspaceId())) {
            String name = info.descriptor().name();
            if (agent.config().tools().contains(name) && !name.equals(Handoff.TOOL)) {
                allowed.put(name, info.descriptor());
            }
        }
        return allowed;
    }

    /** Answers the calls of {@code answer} not answered yet; false when the run parked or stopped. */
    boolean answer(Run run, ChatMessage answer, List<ChatMessage> view) throws SQLException {
        Set<String> answered = answered(view);
        Map<String, RunStep> steps = new HashMap<>();
        for (RunStep step : parts.runs().steps(run.workspaceId(), run.id())) {
            if (step.kind().equals("tool") && step.toolCallId() != null) {
                steps.put(step.toolCallId(), step);
            }
        }
        Packer.Packed seen = Packer.pack(
                agent.config().instructions(),
                view.stream().filter(m -> m.seq() < answer.seq()).toList(),
                envelope);
        Map<String, ToolDescriptor> allowed = allowed();
        List<ModelProvider.ToolCall> calls = answer.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            ModelProvider.ToolCall call = calls.get(i);
            if (answered.contains(call.id())) {
                continue;
            }
            RunStep step = steps.get(call.id());
            if (step != null) {
                if (!resume(run, call, step)) {
                    return false;
                }
            } else if (i >= agent.config().limits().toolCallsPerTurn()) {
                engineAnswer(
                        run, call, "refused", "limit", "More tool calls than one turn allows: this one was not made.");
            } else if (call.argumentsError() != null) {
                engineAnswer(run, call, "refused", "invalid_arguments", "The arguments are not a JSON object.");
            } else if (!allowed.containsKey(call.tool())) {
                engineAnswer(run, call, "refused", "not_allowed", "The agent may not call this tool.");
            } else if (!invoke(run, call, allowed.get(call.tool()), seen)) {
                return false;
            }
        }
        return true;
    }

    /** Answers the calls of an answer that handed off: the handoff call done, the others not made. */
    void answerHandoff(Run run, ChatMessage answer) throws SQLException {
        for (ModelProvider.ToolCall call : answer.toolCalls()) {
            if (call.tool().equals(Handoff.TOOL)) {
                ObjectNode ok = Json.object().put("status", "ok");
                ok.putObject("result").put("handed_off", true);
                message(run, call, ok.toString(), Trust.TRUSTED, ENGINE);
            } else {
                message(
                        run,
                        call,
                        Json.refusal("handed_off", "The conversation went to a person: not made."),
                        Trust.TRUSTED,
                        ENGINE);
            }
        }
    }

    private boolean invoke(Run run, ModelProvider.ToolCall call, ToolDescriptor tool, Packer.Packed seen)
            throws SQLException {
        String ws = run.workspaceId();
        Trust label =
                run.label() == Trust.UNTRUSTED || seen.label() == Trust.UNTRUSTED ? Trust.UNTRUSTED : Trust.TRUSTED;
        ObjectNode detail = Json.object();
        detail.set("arguments", Json.tree(call.arguments()));
        RunStep step = parts.runs()
                .startStep(ws, run.id(), new NewStep("tool", call.id(), call.tool(), null, label, detail.toString()));
        ObjectNode announced = Json.object().put("call_id", call.id()).put("tool", call.tool());
        announced.set("arguments", Json.tree(call.arguments()));
        announced.put("label", label.name().toLowerCase(Locale.ROOT));
        parts.events().append(ws, run.id(), "tool.call", announced);
        parts.runs().count(ws, run.id(), 0, 1, 0, 0, 0, 0);
        Taint taint = new Taint(
                label == Trust.UNTRUSTED,
                seen.sources(),
                seen.evidence().matchedArguments(call.arguments()),
                seen.evidence().hosts());
        Actor actor = new Actor(run.actorKind(), run.actorId(), null);
        ToolOutcome outcome = parts.tools()
                .invoke(new ToolCall(ws, actor, call.tool(), call.arguments(), run.id(), null, null, taint));
        String provenance = "tool:" + tool.name() + "@" + tool.version();
        if (outcome instanceof ToolOutcome.Completed done) {
            message(run, call, done.body().toString(), Trust.UNTRUSTED, provenance);
            finish(run, step, done.ok() ? "done" : "failed", done.ok() ? "ok" : "error", done.code(), call);
        } else if (outcome instanceof ToolOutcome.Refused refused) {
            message(run, call, Json.refusal(refused.code(), refused.detail()), Trust.UNTRUSTED, provenance);
            finish(run, step, "failed", "refused", refused.code(), call);
        } else if (outcome instanceof ToolOutcome.Pending pending) {
            parts.runs()
                    .finishStep(
                            ws,
                            run.id(),
                            step.seq(),
                            "pending",
                            detail.put("code", "pending").toString(),
                            null,
                            pending.approvalId());
            result(run, call, "pending", "pending");
            parts.events()
                    .append(
                            ws,
                            run.id(),
                            "approval.required",
                            Json.object()
                                    .put("approval_id", pending.approvalId())
                                    .put("call_id", call.id())
                                    .put("tool", call.tool())
                                    .put(
                                            "reason",
                                            label == Trust.UNTRUSTED && tool.risk() != Risk.READ
                                                    ? "untrusted_context"
                                                    : "risk")
                                    .put("expires_at", pending.expiresAt().toString()));
            park(run, label, pending.approvalId());
            return false;
        }
        return true;
    }

    /** A call whose step a node left: pending (its approval now decided) or started (outcome unknown). */
    private boolean resume(Run run, ModelProvider.ToolCall call, RunStep step) throws SQLException {
        String ws = run.workspaceId();
        if (!step.state().equals("pending") || step.approvalId() == null) {
            if (step.state().equals("started")) {
                parts.runs()
                        .finishStep(ws, run.id(), step.seq(), "interrupted", Loop.detail("interrupted"), null, null);
            }
            engineAnswer(
                    run,
                    call,
                    "interrupted",
                    "interrupted",
                    "The outcome of this call is unknown: it was not retried.");
            return true;
        }
        Optional<ApprovalState> state = parts.tools().approval(ws, step.approvalId());
        if (state.isPresent() && !state.get().settled()) {
            park(run, run.label(), step.approvalId());
            return false;
        }
        String status = state.map(ApprovalState::status).orElse("expired");
        ObjectNode result = state.map(ApprovalState::result).orElse(null);
        if ((status.equals("executed") || status.equals("failed")) && result != null) {
            boolean ok = status.equals("executed")
                    && !"error".equals(result.path("status").asText());
            message(run, call, result.toString(), Trust.UNTRUSTED, "tool:" + call.tool());
            finish(run, step, ok ? "done" : "failed", ok ? "ok" : "error", status, call);
        } else {
            String code = status.equals("denied") ? "denied" : "expired";
            message(run, call, Json.refusal(code, "The call was not approved: it did not run."), Trust.TRUSTED, ENGINE);
            finish(run, step, "failed", code, code, call);
        }
        return true;
    }

    /** Parks the run until the approval is decided; resubmitted at once if it already was (or a cancel came). */
    private void park(Run run, Trust label, String approvalId) throws SQLException {
        String ws = run.workspaceId();
        parts.runs().mark(ws, run.id(), label, approvalId);
        if (parts.states()
                .move(ws, run.id(), RunState.RUNNING, RunState.AWAITING_APPROVAL, "approval", Loop.SYSTEM, null)) {
            boolean settled = parts.tools()
                    .approval(ws, approvalId)
                    .map(ApprovalState::settled)
                    .orElse(true);
            if (settled || parts.cancels().requested(run.id())) {
                resubmit.run();
            }
        }
    }

    private void finish(Run run, RunStep step, String state, String status, String code, ModelProvider.ToolCall call)
            throws SQLException {
        ObjectNode detail = Json.parse(step.detail()).put("code", code);
        parts.runs()
                .finishStep(run.workspaceId(), run.id(), step.seq(), state, detail.toString(), null, step.approvalId());
        result(run, call, status, code);
    }

    private void engineAnswer(Run run, ModelProvider.ToolCall call, String status, String code, String text)
            throws SQLException {
        message(run, call, Json.refusal(code, text), Trust.TRUSTED, ENGINE);
        result(run, call, status, code);
    }

    private void result(Run run, ModelProvider.ToolCall call, String status, String code) throws SQLException {
        parts.events()
                .append(
                        run.workspaceId(),
                        run.id(),
                        "tool.result",
                        Json.object()
                                .put("call_id", call.id())
                                .put("tool", call.tool())
                                .put("status", status)
                                .put("code", code));
    }

    private void message(Run run, ModelProvider.ToolCall call, String content, Trust trust, String provenance)
            throws SQLException {
        String ws = run.workspaceId();
        boolean engine = provenance.equals(ENGINE);
        parts.conversations()
                .append(
                        ws,
                        new NewMessage(
                                run.conversationId(),
                                Role.TOOL,
                                parts.redactor().redact(ws, content),
                                trust,
                                Visibility.OPERATOR,
                                run.id(),
                                call.id(),
                                List.of(),
                                provenance,
                                engine ? "agent" : "tool",
                                engine ? agent.id() : call.tool()));
    }

    private static Set<String> answered(List<ChatMessage> view) {
        Set<String> answered = new HashSet<>();
        for (ChatMessage message : view) {
            if (message.role() == Role.TOOL && message.toolCallId() != null) {
                answered.add(message.toolCallId());
            }
        }
        return answered;
    }
}
