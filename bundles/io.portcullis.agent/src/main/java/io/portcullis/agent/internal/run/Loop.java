package io.portcullis.agent.internal.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.Limits;
import io.portcullis.agent.internal.data.NewMessage;
import io.portcullis.agent.internal.data.NewStep;
import io.portcullis.agent.internal.data.Role;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.RunStep;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.audit.Actor;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelRefusal;
import io.portcullis.models.ModelResult;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.ToolDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed run, advanced step by step on the worker's thread until it ends, parks for an approval
 * or loses its lease. Each step starts from the database (counters, cancel flag, transcript), so a
 * node resuming a run that another left continues from its last persisted step: pending tool calls
 * of the last answer first (see {@link ToolSteps}), then the next model call.
 */
final class Loop {

    private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

    /** How many times a run waits a lease for a provider that is not available before it fails. */
    static final int PROVIDER_RETRIES = 3;

    /** Who moves a run once it is queued. */
    static final Actor SYSTEM = Actor.system("agent.run");

    private final Parts parts;
    private final Run claimed;
    private final Agent agent;
    private final ChatMessage trigger;
    private final Envelope envelope = Envelope.random();
    private final Handoff handoff;
    private final ToolSteps toolSteps;
    private long mark;

    Loop(Parts parts, Run claimed, Agent agent, ChatMessage trigger, Runnable resubmit) {
        this.parts = parts;
        this.claimed = claimed;
        this.agent = agent;
        this.trigger = trigger;
        this.handoff = new Handoff(parts);
        this.toolSteps = new ToolSteps(parts, agent, envelope, resubmit);
        this.mark = parts.clock().millis();
    }

    /** Advances the run until it ends, parks or is lost. */
    void run() throws SQLException {
        String ws = claimed.workspaceId();
        try {
            for (RunStep step : parts.runs().steps(ws, claimed.id())) {
                if (step.kind().equals("model") && step.state().equals("started")) {
                    parts.runs().finishStep(ws, claimed.id(), step.seq(), "interrupted", step.detail(), null, null);
                }
            }
            if (handoff.resume(claimed)) {
                return;
            }
            while (step()) {
                // each step is persisted before the next
            }
        } finally {
            long active = parts.clock().millis() - mark;
            parts.runs().count(ws, claimed.id(), 0, 0, 0, 0, 0, Math.max(0, active));
        }
    }

    /** One step; false when the run ended, parked or was lost. */
    private boolean step() throws SQLException {
        String ws = claimed.workspaceId();
        Run run = parts.runs().find(ws, claimed.id()).orElse(null);
        if (run == null || run.state() != RunState.RUNNING) {
            return false;
        }
        if (run.cancelRequested() || parts.cancels().requested(run.id())) {
            cancelled(run);
            return false;
        }
        if (!parts.leases().renew(ws, run.id())) {
            return false;
        }
        Limits limits = agent.config().limits();
        if (run.activeMillis() + (parts.clock().millis() - mark) > limits.wallClockSeconds() * 1000L) {
            handoff.end(run, agent, RunState.LIMIT_REACHED, "wall_clock", "The run used its active time.");
            return false;
        }
        List<ChatMessage> view = view();
        ChatMessage answer = view.stream()
                .filter(m -> m.role() == Role.ASSISTANT && run.id().equals(m.runId()))
                .reduce((first, second) -> second)
                .orElse(null);
        if (answer != null && answer.toolCalls().isEmpty()) { // answered; the node died before the move
            parts.states().move(ws, run.id(), RunState.RUNNING, RunState.COMPLETED, "answered", SYSTEM, null);
            return false;
        }
        if (answer != null && ToolSteps.unanswered(answer, view)) {
            return toolSteps.answer(run, answer, view);
        }
        if (run.modelCalls() == 0 && Handoff.matches(agent.config().handoff().keywords(), trigger.content())) {
            handoff.end(run, agent, RunState.HANDED_OFF, "handoff_keyword", "A handoff keyword is in the message.");
            return false;
        }
        if (run.modelCalls() >= limits.modelCalls()) {
            handoff.end(run, agent, RunState.LIMIT_REACHED, "model_calls", "The run made its model calls.");
            return false;
        }
        return turn(run, view);
    }

    /** One model call and the answer it gives, persisted. */
    private boolean turn(Run run, List<ChatMessage> view) throws SQLException {
        String ws = run.workspaceId();
        Limits limits = agent.config().limits();
        boolean lastCall = run.modelCalls() + 1 >= limits.modelCalls();
        Packer.Packed packed = Packer.pack(agent.config().instructions(), view, envelope);
        Trust label = run.label() == Trust.UNTRUSTED ? Trust.UNTRUSTED : packed.label();
        if (label != run.label()) {
            parts.runs().mark(ws, run.id(), label, null);
        }
        List<ToolDescriptor> tools = lastCall ? List.of() : offered();
        RunStep step = parts.runs()
                .startStep(ws, run.id(), new NewStep("model", null, null, sha256(packed.messages()), label, "{}"));
        DeltaSink sink = new DeltaSink(parts.events(), parts.cancels(), ws, run.id());
        ModelResult result;
        try {
            result = parts.models()
                    .call(
                            new ModelCall(
                                    ws,
                                    agent.config().modelProfile(),
                                    packed.messages(),
                                    tools,
                                    limits.maxTokens(),
                                    "run:" + run.id(),
                                    run.id(),
                                    null),
                            sink);
        } catch (ModelRefusal refusal) {
            String code = refusal.kind().name().toLowerCase(Locale.ROOT);
            parts.runs().finishStep(ws, run.id(), step.seq(), "failed", detail(code), null, null);
            if (refusal.kind() == ModelRefusal.Kind.PROVIDER_UNAVAILABLE && unavailable(run) <= PROVIDER_RETRIES) {
                // The provider plugin is not active yet (a node that has just started, a plugin host
                // restarting): the run stays running, its lease runs out, and the sweeper takes it up
                // again from this step, PROVIDER_RETRIES times at most.
                LOG.info("Run '{}' waits for its model provider to become available", run.id());
                return false;
            }
            RunState end =
                    refusal.kind() == ModelRefusal.Kind.BUDGET_EXHAUSTED ? RunState.BUDGET_EXHAUSTED : RunState.FAILED;
            handoff.end(run, agent, end, code, String.valueOf(refusal.getMessage()));
            return false;
        } catch (CancellationException e) {
            parts.runs().finishStep(ws, run.id(), step.seq(), "interrupted", detail("cancelled"), null, null);
            Run now = parts.runs().find(ws, run.id()).orElse(run);
            if (now.cancelRequested() || parts.cancels().requested(run.id())) {
                cancelled(now);
            }
            return false; // else this node is closing: another resumes the run once its lease ran out
        } catch (RuntimeException e) { // not a refusal: retrying at every resume would never end
            LOG.warn("The model call of run '{}' failed: {}", run.id(), e.toString());
            parts.runs().finishStep(ws, run.id(), step.seq(), "failed", detail("error"), null, null);
            handoff.end(run, agent, RunState.FAILED, "model_error", "The model call failed.");
            return false;
        } finally {
            sink.drain(); // its deltas are stored before anything the answer or the ending writes
        }
        return answered(run, step, result, lastCall);
    }

    /** The model's answer: counted, its step done, the assistant message stored; then what it asked for. */
    private boolean answered(Run run, RunStep step, ModelResult result, boolean lastCall) throws SQLException {
        String ws = run.workspaceId();
        ModelProvider.Usage usage = result.usage();
        long now = parts.clock().millis();
        parts.runs()
                .count(ws, run.id(), 1, 0, usage.inputTokens(), usage.outputTokens(), result.costMicros(), now - mark);
        mark = now;
        ObjectNode done = Json.object()
                .put("finish_reason", result.completion().finishReason())
                .put("input_tokens", usage.inputTokens())
                .put("output_tokens", usage.outputTokens())
                .put("cost_micros", result.costMicros())
                .put("usage_source", result.usageSource());
        parts.runs().finishStep(ws, run.id(), step.seq(), "done", done.toString(), result.usageId(), null);
        parts.events()
                .append(
                        ws,
                        run.id(),
                        "usage",
                        Json.object()
                                .put("input_tokens", run.inputTokens() + usage.inputTokens())
                                .put("output_tokens", run.outputTokens() + usage.outputTokens())
                                .put("cost_micros", run.costMicros() + result.costMicros()));
        List<ModelProvider.ToolCall> calls = new ArrayList<>();
        for (ModelProvider.ToolCall call : result.completion().toolCalls()) {
            calls.add(new ModelProvider.ToolCall(
                    call.id(),
                    call.tool(),
                    Json.redacted(parts.redactor(), ws, call.arguments()),
                    call.argumentsError()));
        }
        String content =
                parts.redactor().redact(ws, result.completion().message().content());
        ChatMessage answer = parts.conversations()
                .append(
                        ws,
                        new NewMessage(
                                run.conversationId(),
                                Role.ASSISTANT,
                                content,
                                Trust.TRUSTED,
                                calls.isEmpty() ? Visibility.CUSTOMER : Visibility.OPERATOR,
                                run.id(),
                                null,
                                calls,
                                null,
                                "agent",
                                agent.id()));
        if (calls.isEmpty()) {
            parts.events().append(ws, run.id(), "message.completed", completed(answer));
            parts.states().move(ws, run.id(), RunState.RUNNING, RunState.COMPLETED, "answered", SYSTEM, null);
            return false;
        }
        if (calls.stream().anyMatch(call -> call.tool().equals(Handoff.TOOL)) && !lastCall) {
            toolSteps.answerHandoff(run, answer);
            handoff.end(run, agent, RunState.HANDED_OFF, "model_handoff", "The agent handed the conversation off.");
            return false;
        }
        if (lastCall) {
            handoff.end(
                    run, agent, RunState.LIMIT_REACHED, "model_calls", "The model asked for tools on its last call.");
            return false;
        }
        return true; // the calls are answered at the next step
    }

    private void cancelled(Run run) throws SQLException {
        parts.tools().expireApprovals(run.workspaceId(), run.id());
        parts.states()
                .move(run.workspaceId(), run.id(), RunState.RUNNING, RunState.CANCELLED, "cancelled", SYSTEM, null);
    }

    /** The tools offered: the agent's that the workspace can still call, and {@code handoff}. */
    private List<ToolDescriptor> offered() {
        List<ToolDescriptor> tools = new ArrayList<>(toolSteps.allowed().values());
        tools.add(Handoff.DESCRIPTOR);
        return tools;
    }

    /**
     * The transcript as this run sees it (never a note): what was said before its message, with the
     * answers of the earlier runs of the conversation (which run first, in order), then its message,
     * then what the run itself wrote; a customer's message sent since waits for its own run.
     */
    private List<ChatMessage> view() throws SQLException {
        List<ChatMessage> all = parts.conversations()
                .transcript(
                        claimed.workspaceId(),
                        claimed.conversationId(),
                        Visibility.MODEL,
                        parts.settings().transcriptMessages());
        List<ChatMessage> view = new ArrayList<>();
        // before the message: what was said before it, and the answers of the runs before this one
        all.stream()
                .filter(m -> !m.id().equals(trigger.id()) && !claimed.id().equals(m.runId()))
                .filter(m -> m.seq() < trigger.seq() || m.runId() != null)
                .forEach(view::add);
        all.stream().filter(m -> m.id().equals(trigger.id())).forEach(view::add);
        all.stream().filter(m -> claimed.id().equals(m.runId())).forEach(view::add);
        return view;
    }

    static ObjectNode completed(ChatMessage message) {
        return Json.object()
                .put("message_id", message.id())
                .put("role", message.role().id())
                .put("content", message.content());
    }

    /** Model calls refused because the provider was unavailable, the last one included. */
    private int unavailable(Run run) throws SQLException {
        String refused = detail(ModelRefusal.Kind.PROVIDER_UNAVAILABLE.name().toLowerCase(Locale.ROOT));
        return (int) parts.runs().steps(run.workspaceId(), run.id()).stream()
                .filter(s -> s.kind().equals("model")
                        && s.state().equals("failed")
                        && s.detail().equals(refused))
                .count();
    }

    static String detail(String code) {
        return Json.object().put("code", code).toString();
    }

    private static String sha256(List<Message> messages) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.text(messages).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
