package io.portcullis.tools.internal.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolResult;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolInfo;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.internal.guard.Guarded;
import io.portcullis.tools.internal.guard.ToolExecutor;
import io.portcullis.tools.internal.registry.ActiveTool;
import io.portcullis.tools.internal.registry.ToolRegistry;
import io.portcullis.tools.internal.schema.ArgumentCheck;
import io.portcullis.tools.internal.schema.JsonValues;
import io.portcullis.tools.internal.schema.Violation;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of {@link ToolInvoker}, in the order the design gives, stopping at the first refusal:
 * <ol>
 *   <li>tool and plugin (active, granted, enabled: else 404, the tool does not exist for this workspace)
 *       and read-only mode (409) as one {@link PluginPolicy#decide};
 *   <li>arguments (400);
 *   <li>taint: a call whose {@link ToolCall#taint() caller read untrusted content} meets the workspace
 *       policy's {@code tainted_calls} rule for its risk: {@code deny} refuses it (409 {@code tainted},
 *       naming no argument value), {@code approve} makes it wait for an approval with reason
 *       {@code untrusted_context} whatever the auto-approval rules say (a {@code read} call too),
 *       {@code allow} goes on to the next step like any call;
 *   <li>approval by risk (202, reason {@code risk}): every {@code destructive} call, and a {@code write}
 *       call no auto-approval rule matches;
 *   <li>run limit (429);
 *   <li>the audit log writable (503) → run with a deadline → redact and wrap → record the outcome.
 * </ol>
 * An approval is bound to the tool's version, the SHA-256 of the canonical arguments and the workspace
 * policy's {@link io.portcullis.policy.WorkspacePolicy#version() version}: {@link #runApproved} refuses
 * it ({@code tool_changed}, {@code approval_void}, 409) when any of them differs when it is approved.
 * The tool's {@code risk} is asked before the policy decides, through the same guard as
 * {@code invoke} ({@link ToolExecutor}): a risk that hangs or throws an {@code Error} refuses the call
 * ({@code plugin_timeout} 504, {@code plugin_failed} 502), one that throws an exception counts as the
 * descriptor's risk, as the SPI says. Plain Java, so that every step is tested without OSGi. See
 * {@link InvokeAudit} for when the one record is written (with the taint evidence of a tainted call).
 */
public final class Invoker implements ToolInvoker {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration APPROVAL_TTL = Duration.ofHours(1);
    /** The longest a tool's {@code risk} may take (less when the call's deadline is nearer). */
    public static final Duration RISK_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);
    private static final String FULL = "Too many tool calls are running; try again later.";

    private final ToolRegistry registry;
    private final PluginPolicy policy;
    private final CredentialUse credentials;
    private final Redactor redactor;
    private final InvokeAudit audit;
    private final Supplier<EgressFactory> egress;
    private final ToolExecutor executor;
    private final RunLimits limits;
    private final PendingApprovals approvals;
    private final Results results;
    private final Clock clock;
    private final Duration approvalTtl;
    private final ApprovalListeners listeners;

    /** What an approval was bound to when it was asked for; a call run on it must match each. */
    public record Binding(
            String toolVersion,
            @Nullable String policyVersion,
            @Nullable String argumentDigest) {}

    public Invoker(
            ToolRegistry registry,
            PluginPolicy policy,
            CredentialUse credentials,
            Redactor redactor,
            io.portcullis.audit.AuditLog auditLog,
            Supplier<EgressFactory> egress,
            ToolExecutor executor,
            PendingApprovals approvals,
            Clock clock) {
        this(registry, policy, credentials, redactor, auditLog, egress, executor, approvals, clock, APPROVAL_TTL);
    }

    /** As above, with approvals expiring {@code approvalTtl} after they are asked for. */
    public Invoker(
            ToolRegistry registry,
            PluginPolicy policy,
            CredentialUse credentials,
            Redactor redactor,
            io.portcullis.audit.AuditLog auditLog,
            Supplier<EgressFactory> egress,
            ToolExecutor executor,
            PendingApprovals approvals,
            Clock clock,
            Duration approvalTtl) {
        this(
                registry,
                policy,
                credentials,
                redactor,
                auditLog,
                egress,
                executor,
                approvals,
                clock,
                approvalTtl,
                new ApprovalListeners());
    }

    /** As above, telling {@code listeners} of approvals it expires. */
    public Invoker(
            ToolRegistry registry,
            PluginPolicy policy,
            CredentialUse credentials,
            Redactor redactor,
            io.portcullis.audit.AuditLog auditLog,
            Supplier<EgressFactory> egress,
            ToolExecutor executor,
            PendingApprovals approvals,
            Clock clock,
            Duration approvalTtl,
            ApprovalListeners listeners) {
        this.listeners = listeners;
        this.approvalTtl = approvalTtl;
        this.registry = registry;
        this.policy = policy;
        this.credentials = credentials;
        this.redactor = redactor;
        this.audit = new InvokeAudit(auditLog);
        this.egress = egress;
        this.executor = executor;
        this.limits = new RunLimits(clock);
        this.approvals = approvals;
        this.results = new Results(redactor, clock);
        this.clock = clock;
    }

    @Override
    public ToolOutcome invoke(ToolCall asked) {
        long started = System.nanoTime();
        ToolCall call = Evidence.namesOnly(asked);
        Checked checked = check(call, started);
        if (checked.refusal != null) {
            return checked.refusal;
        }
        ActiveTool tool = checked.tool;
        Risk risk = checked.risk;
        WorkspacePolicy workspacePolicy = policy.workspacePolicy(call.workspaceId());
        if (call.taint().untrusted()) {
            switch (workspacePolicy.taintedCalls().of(risk)) {
                case DENY:
                    return refuse(
                            call,
                            Decision.DENIED,
                            409,
                            "tainted",
                            "The call was asked for after untrusted content was read, and this workspace"
                                    + " refuses such calls of risk '" + risk.id() + "'; nothing was run.",
                            what(tool),
                            checked.canonical,
                            started);
                case APPROVE: // whatever the auto-approval rules say: they were written for trusted callers
                    return pending(
                            call,
                            tool,
                            risk,
                            checked.arguments,
                            checked.canonical,
                            PendingApprovals.UNTRUSTED_CONTEXT,
                            workspacePolicy,
                            started);
                case ALLOW:
                default:
                    break;
            }
        }
        if (risk == Risk.DESTRUCTIVE
                || (risk == Risk.WRITE && !workspacePolicy.autoApproves(call.tool(), call.arguments()))) {
            return pending(
                    call,
                    tool,
                    risk,
                    checked.arguments,
                    checked.canonical,
                    PendingApprovals.RISK,
                    workspacePolicy,
                    started);
        }
        if (call.runId() != null
                && !limits.tryAcquire(call.workspaceId(), call.runId(), workspacePolicy.maxToolCallsPerRun())) {
            return refuse(
                    call,
                    Decision.DENIED,
                    429,
                    "run_limit",
                    "Run '" + call.runId() + "' has made its " + workspacePolicy.maxToolCallsPerRun() + " tool calls.",
                    what(tool),
                    checked.canonical,
                    started);
        }
        return run(call, tool, checked.arguments, checked.canonical, workspacePolicy, "run", what(tool), started);
    }

    /**
     * Runs an approved call: checks again what can have changed since it was asked (the plugin active
     * and enabled, read-only mode, its arguments against the current schema), then what the approval is
     * bound to: the tool's version ({@code tool_changed}), the workspace policy's version and the digest
     * of the arguments it runs with ({@code approval_void}, 409 each; an approval bound to neither, from
     * before they were recorded, is void); then runs it like any call. No approval, no taint rule and no
     * run limit: the approval was that decision.
     */
    public ToolOutcome runApproved(ToolCall asked, String approvalId, Binding binding) {
        long started = System.nanoTime();
        ToolCall call = Evidence.namesOnly(asked);
        Checked checked = check(call, started);
        if (checked.refusal != null) {
            return checked.refusal;
        }
        ActiveTool tool = checked.tool;
        WorkspacePolicy workspacePolicy = policy.workspacePolicy(call.workspaceId());
        if (!tool.registered().descriptor().version().equals(binding.toolVersion())) {
            return refuse(
                    call,
                    Decision.DENIED,
                    409,
                    "tool_changed",
                    "The tool's version changed since the call " + "was approved; ask again.",
                    what(tool),
                    checked.canonical,
                    started);
        }
        @Nullable String voided = null;
        if (binding.policyVersion() == null || !binding.policyVersion().equals(workspacePolicy.version())) {
            voided = "The workspace policy changed since the call was asked for";
        } else if (binding.argumentDigest() == null
                || !MessageDigest.isEqual(
                        binding.argumentDigest().getBytes(StandardCharsets.US_ASCII),
                        digest(checked.canonical).getBytes(StandardCharsets.US_ASCII))) {
            voided = "The call's arguments are not those the approval was asked for";
        }
        if (voided != null) {
            return refuse(
                    call,
                    Decision.DENIED,
                    409,
                    "approval_void",
                    voided + ": the approval is void and nothing was run; ask again.",
                    what(tool) + ", approval " + approvalId,
                    checked.canonical,
                    started);
        }
        return run(
                call,
                tool,
                checked.arguments,
                checked.canonical,
                workspacePolicy,
                "approved",
                what(tool) + ", approval " + approvalId,
                started);
    }

    @Override
    public List<ToolInfo> tools(String workspaceId) {
        return registry.active().stream()
                .filter(t -> visible(policy.decide(
                        t.pluginId(), workspaceId, t.registered().descriptor().risk())))
                .map(t -> new ToolInfo(
                        t.registered().descriptor(),
                        t.pluginId(),
                        t.registered().ownerVersion()))
                .toList();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the approvals store cannot be read (the caller tries again later)
     */
    @Override
    public Optional<ApprovalState> approval(String workspaceId, String approvalId) {
        try {
            return approvals.state(workspaceId, approvalId);
        } catch (Exception e) {
            LOG.warn(
                    "Approval '{}' of workspace '{}' could not be read ({})",
                    approvalId,
                    workspaceId,
                    e.getClass().getSimpleName());
            throw new IllegalStateException("the approvals store is not available", e);
        }
    }

    /**
     * {@inheritDoc} Each expired approval is on its history (no actor: the server moved it), and each is
     * told to the {@link ApprovalListeners} once.
     *
     * @throws IllegalStateException when the approvals store cannot be written (nothing was expired)
     */
    @Override
    public int expireApprovals(String workspaceId, String runId) {
        List<PendingApprovals.Expired> expired;
        try {
            expired = approvals.expireRun(workspaceId, runId);
        } catch (Exception e) {
            LOG.warn(
                    "Approvals of run '{}' in workspace '{}' could not be expired ({})",
                    runId,
                    workspaceId,
                    e.getClass().getSimpleName());
            throw new IllegalStateException("the approvals store is not available", e);
        }
        for (PendingApprovals.Expired each : expired) {
            listeners.decided(workspaceId, each.approvalId(), each.runId(), "expired");
        }
        return expired.size();
    }

    /** The listeners told of every decided approval (the component binds the whiteboard's services here). */
    public ApprovalListeners listeners() {
        return listeners;
    }

    /** The SHA-256 of {@code canonical} arguments, in lower-case hex: what an approval is bound to. */
    public static String digest(String canonical) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Shuts the executor down; calls still running are interrupted. */
    public void close() {
        executor.close();
    }

    /** Forgets a deleted workspace's run counts. */
    public void forget(String workspaceId) {
        limits.forget(workspaceId);
    }

    private static boolean visible(io.portcullis.policy.Decision decision) {
        return decision.allowed() || decision == io.portcullis.policy.Decision.READ_ONLY;
    }

    /** The checks before approval, each refusal recorded: tool, plugin, read-only, arguments. */
    private Checked check(ToolCall call, long started) {
        JsonNode arguments = JsonValues.tree(call.arguments());
        String canonical = JsonValues.canonical(arguments);
        // Every record HMACs the arguments, refusals too; an oversized document is not worth hashing.
        String recorded = canonical.length() > ArgumentCheck.MAX_DOCUMENT_BYTES ? null : canonical;
        if (call.workspaceId().isBlank()) {
            return new Checked(
                    refuse(call, Decision.DENIED, 404, "not_found", null, "no workspace", recorded, started));
        }
        Optional<ActiveTool> found = registry.find(call.tool());
        if (found.isEmpty()) {
            return new Checked(
                    refuse(call, Decision.DENIED, 404, "not_found", null, "no such tool", recorded, started));
        }
        ActiveTool tool = found.get();
        Guarded<Risk> asked = askRisk(tool, call); // asked once, through the guard: it is the plugin's code
        if (!(asked instanceof Guarded.Returned<Risk> returned)) {
            return new Checked(refuseRisk(call, tool, asked, recorded, started));
        }
        Risk risk = returned.value();
        switch (policy.decide(tool.pluginId(), call.workspaceId(), risk)) {
            case PLUGIN_NOT_ACTIVE:
                return new Checked(
                        refuse(call, Decision.DENIED, 404, "plugin_not_active", null, what(tool), recorded, started));
            case NOT_ENABLED:
                return new Checked(
                        refuse(call, Decision.DENIED, 404, "not_enabled", null, what(tool), recorded, started));
            case READ_ONLY:
                return new Checked(refuse(
                        call,
                        Decision.DENIED,
                        409,
                        "read_only",
                        "The workspace is in read-only " + "mode: tools of risk 'write' and 'destructive' are refused.",
                        what(tool),
                        recorded,
                        started));
            default:
                break;
        }
        Optional<Violation> violation = ArgumentCheck.check(tool.registered().schema(), arguments, canonical);
        if (violation.isPresent()) {
            return new Checked(refuse(
                    call,
                    Decision.DENIED,
                    400,
                    "invalid_arguments",
                    violation.get().detail(),
                    what(tool),
                    recorded,
                    started));
        }
        return new Checked(tool, risk, arguments, canonical);
    }

    /**
     * The tool's risk for this call: its answer, or the descriptor's when it answers null or throws an
     * exception (the SPI's word); an {@code Error}, a hang or a full executor is returned as it is.
     */
    private Guarded<Risk> askRisk(ActiveTool tool, ToolCall call) {
        Risk declared = tool.registered().descriptor().risk();
        Duration timeout = timeout(call).compareTo(RISK_TIMEOUT) < 0 ? timeout(call) : RISK_TIMEOUT;
        Guarded<Risk> asked = executor.quick(() -> tool.registered().tool().risk(call.arguments()), timeout);
        if (asked instanceof Guarded.Returned<Risk> r && r.value() == null
                || asked instanceof Guarded.Threw<Risk> t && t.throwable() instanceof Exception) {
            return new Guarded.Returned<>(declared);
        }
        return asked;
    }

    private ToolOutcome refuseRisk(
            ToolCall call, ActiveTool tool, Guarded<Risk> asked, @Nullable String recorded, long started) {
        if (asked instanceof Guarded.Full<Risk>) {
            return refuse(call, Decision.ERROR, 503, "executor_full", FULL, what(tool), recorded, started);
        }
        if (asked instanceof Guarded.Threw<Risk> t) {
            LOG.warn(
                    "Tool '{}' of plugin '{}' failed in risk() in workspace '{}' ({})",
                    call.tool(),
                    tool.pluginId(),
                    call.workspaceId(),
                    t.throwable().getClass().getName());
            return refuse(
                    call,
                    Decision.ERROR,
                    502,
                    "plugin_failed",
                    "The tool failed while rating the call's risk; " + "nothing was run.",
                    what(tool),
                    recorded,
                    started);
        }
        return refuse(
                call,
                Decision.ERROR,
                504,
                "plugin_timeout",
                "The tool did not rate the call's risk in time; " + "nothing was run.",
                what(tool),
                recorded,
                started);
    }

    private ToolOutcome pending(
            ToolCall call,
            ActiveTool tool,
            Risk risk,
            JsonNode arguments,
            String canonical,
            String reason,
            WorkspacePolicy workspacePolicy,
            long started) {
        String id = Ids.next(); // drawn first, so that the record names the approval it creates
        Instant now = Jdbc.now(clock);
        Instant expiresAt = now.plus(approvalTtl);
        if (!audit.requested(call, id, what(tool), canonical, started)) {
            return unrecorded();
        }
        String display =
                JsonValues.canonical(JsonValues.redacted(arguments, t -> redactor.redact(call.workspaceId(), t)));
        var request = new PendingApprovals.Request(
                id,
                call.workspaceId(),
                call.tool(),
                tool.registered().descriptor().version(),
                tool.pluginId(),
                risk,
                canonical,
                display,
                call.effectiveRunId(),
                call.actor(),
                now,
                expiresAt,
                reason,
                digest(canonical),
                workspacePolicy.version(),
                call.taint().untrusted()
                        ? Evidence.json(call.taint(), t -> redactor.redact(call.workspaceId(), t))
                        : null);
        try {
            approvals.create(request);
        } catch (Exception e) {
            LOG.warn(
                    "Approval '{}' of tool '{}' in workspace '{}' not stored ({})",
                    id,
                    call.tool(),
                    call.workspaceId(),
                    e.getClass().getSimpleName());
            return new ToolOutcome.Refused(
                    503,
                    "approvals_unavailable",
                    "The call needs an approval, and the " + "approvals queue is not available; nothing was run.");
        }
        return new ToolOutcome.Pending(id, expiresAt);
    }

    private ToolOutcome run(
            ToolCall call,
            ActiveTool tool,
            JsonNode arguments,
            String canonical,
            WorkspacePolicy workspacePolicy,
            String reason,
            String what,
            long started) {
        Duration timeout = timeout(call);
        Instant deadline = clock.instant().plus(timeout);
        InvocationContext context = new InvocationContext(
                call.workspaceId(),
                call.effectiveRunId(),
                call.requestId(),
                deadline,
                tool.pluginId(),
                policy,
                workspacePolicy,
                credentials,
                egress.get());
        Map<String, @Nullable Object> values = JsonValues.values(arguments);
        if (!audit.writable()) {
            return unrecorded();
        }
        long left = started + timeout.toNanos() - System.nanoTime();
        Guarded<ToolResult> ended = executor.call(
                () -> tool.registered().tool().invoke(values, context), Duration.ofNanos(Math.max(0, left)));
        if (ended instanceof Guarded.Full<ToolResult>) {
            return refuse(call, Decision.ERROR, 503, "executor_full", FULL, what, canonical, started);
        }
        ToolOutcome.Completed completed = results.of(ended, tool, call.workspaceId());
        return audit.ran(call, completed, context.egressRefusal(), reason, what, canonical, started)
                ? completed
                : unrecorded();
    }

    /** The call's time: what the caller asked, at most {@link #DEFAULT_TIMEOUT}. */
    private static Duration timeout(ToolCall call) {
        return call.timeout() == null || call.timeout().compareTo(DEFAULT_TIMEOUT) > 0
                ? DEFAULT_TIMEOUT
                : call.timeout();
    }

    private ToolOutcome refuse(
            ToolCall call,
            Decision decision,
            int status,
            String code,
            @Nullable String detail,
            String what,
            @Nullable String canonical,
            long started) {
        if (!audit.record(call, decision, code, what, canonical, status, started)) {
            return unrecorded();
        }
        String text = detail != null ? detail : "No tool '" + call.tool() + "' exists for this workspace.";
        return new ToolOutcome.Refused(status, code, text);
    }

    private static ToolOutcome unrecorded() {
        return new ToolOutcome.Refused(
                503, "audit_unavailable", "The call could not be put on the record; " + "no result is given.");
    }

    private static String what(ActiveTool tool) {
        return "tool version " + tool.registered().descriptor().version() + " of plugin " + tool.pluginId();
    }

    /** The outcome of the checks: a refusal, or (then never null) the tool, the call's risk and its arguments. */
    @SuppressWarnings("NullAway")
    private static final class Checked {
        final @Nullable ToolOutcome refusal;
        final ActiveTool tool;
        final Risk risk;
        final JsonNode arguments;
        final String canonical;

        @SuppressWarnings("DataFlowIssue")
        Checked(ToolOutcome refusal) {
            this.refusal = refusal;
            this.tool = null;
            this.risk = null;
            this.arguments = null;
            this.canonical = null;
        }

        Checked(ActiveTool tool, Risk risk, JsonNode arguments, String canonical) {
            this.refusal = null;
            this.tool = tool;
            this.risk = risk;
            this.arguments = arguments;
            this.canonical = canonical;
        }
    }
}
