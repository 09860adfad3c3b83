package io.portcullis.models.internal.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditLog;
import io.portcullis.egress.CallScope;
import io.portcullis.egress.Egress;
import io.portcullis.egress.EgressRules;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelCalls;
import io.portcullis.models.ModelRefusal;
import io.portcullis.models.ModelRefusal.Kind;
import io.portcullis.models.ModelResult;
import io.portcullis.models.internal.ModelsSettings;
import io.portcullis.models.internal.WorkspaceRules;
import io.portcullis.models.internal.metering.Meter;
import io.portcullis.models.internal.metering.MeterRefusal;
import io.portcullis.models.internal.metering.Reservation;
import io.portcullis.models.internal.metering.ReserveRequest;
import io.portcullis.models.internal.profiles.Profile;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.CompletionRequest;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.vault.Redactor;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The one metered path of model calls. In order, each refusal audited ({@code model.refused}) and
 * answered as a {@link ModelRefusal}: the request valid (INVALID) → the profile (NOT_FOUND) → the
 * plugin active, enabled for the workspace, and a provider of it present (PROVIDER_UNAVAILABLE) → the
 * meter's reservation (UNPRICED, RATE_LIMITED, BUDGET_EXHAUSTED) of the redacted prompt → the provider's
 * streamed call on a provider thread with a deadline, its deltas scrubbed on their way to the caller →
 * settlement → one {@code model.invoke} record.
 *
 * <p>Settlement when the call fails once dispatched: at the provider's reported usage, else at the
 * reservation's bound ({@code estimate}), because the provider may have billed what it generated before
 * failing. The reservation is released instead only when the provider provably did not bill: its task
 * never started (queue full, or the deadline passed while it waited), or its API refused the request
 * (a 4xx, 429 included) before telling anything.
 */
public final class Gateway implements ModelCalls {

    /** The roles a message may have. */
    static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Finds a workspace's profile by name. */
    @FunctionalInterface
    public interface ProfileLookup {
        Optional<Profile> byName(String workspaceId, String name) throws SQLException;
    }

    private final ProfileLookup profiles;
    private final PluginPolicy policy;
    private final Providers providers;
    private final Supplier<Meter> meter;
    private final Egress egress;
    private final Redactor redactor;
    private final CallAudit audit;
    private final ExecutorService executor;
    private final Duration timeout;
    private final boolean holdBack;
    private final int maxRetries;
    private final Clock clock;

    public Gateway(
            ProfileLookup profiles,
            PluginPolicy policy,
            Providers providers,
            Supplier<Meter> meter,
            Egress egress,
            Redactor redactor,
            AuditLog log,
            ExecutorService executor,
            ModelsSettings settings,
            Clock clock) {
        this.profiles = profiles;
        this.policy = policy;
        this.providers = providers;
        this.meter = meter;
        this.egress = egress;
        this.redactor = redactor;
        this.audit = new CallAudit(log);
        this.executor = executor;
        this.timeout = settings.callTimeout();
        this.holdBack = settings.holdBackDeltas();
        this.maxRetries = settings.maxRetries();
        this.clock = clock;
    }

    @Override
    public ModelResult call(ModelCall call, CompletionSink sink) throws ModelRefusal {
        return call(call, actor(call.actor()), sink);
    }

    /** The actor of a {@link ModelCall#actor()}: {@code run:<id>} is an agent run, anything else an API key. */
    static Actor actor(String actor) {
        return actor.startsWith("run:") ? new Actor(Actor.SYSTEM, actor, null) : new Actor(Actor.API_KEY, actor, null);
    }

    /** Makes {@code call} for {@code actor}; see the class comment for the order. */
    public ModelResult call(ModelCall call, Actor actor, CompletionSink sink) throws ModelRefusal {
        return prepare(call, actor).run(sink);
    }

    /**
     * Every check before the provider, up to the reservation: a refusal is on the record and nothing is
     * held; else the call is ready to {@link Prepared#run run} (the completions API answers its status
     * only once this passed, then streams).
     */
    public Prepared prepare(ModelCall call, Actor actor) throws ModelRefusal {
        long started = System.nanoTime();
        CallAudit.Subject subject = new CallAudit.Subject(call.profile(), null, null);
        try {
            validate(call);
            Profile profile = profile(call);
            subject = new CallAudit.Subject(call.profile(), profile.pluginId(), profile.model());
            ModelProvider provider = provider(call.workspaceId(), profile.pluginId());
            EgressRules rules = rules(call.workspaceId());
            UnaryOperator<String> scrub = text -> redactor.redact(call.workspaceId(), text);
            List<Message> messages = redact(call.messages(), scrub);
            int maxTokens = call.maxTokens() == null ? profile.maxTokens() : call.maxTokens();
            Instant deadline = clock.instant().plus(timeout);
            Reservation hold = reserve(call, profile, promptBytes(messages, call.tools()), maxTokens, deadline);
            CompletionRequest request = new CompletionRequest(
                    profile.model(), messages, call.tools(), maxTokens, profile.baseUrl(), profile.credentialId());
            CallScope scope = new CallScope(call.workspaceId(), profile.pluginId(), deadline, rules, call.requestId());
            return new Prepared(call, actor, subject, hold, provider, request, scope, scrub, started);
        } catch (Refusal refusal) {
            audit.refused(call, actor, subject, refusal, millisSince(started));
            throw refusal;
        }
    }

    /** A call that passed every check and holds its reservation; run it once, or abandon it. */
    public final class Prepared {
        private final ModelCall call;
        private final Actor actor;
        private final CallAudit.Subject subject;
        private final Reservation hold;
        private final ModelProvider provider;
        private final CompletionRequest request;
        private final CallScope scope;
        private final UnaryOperator<String> scrub;
        private final long started;
        private final AtomicBoolean used = new AtomicBoolean();

        Prepared(
                ModelCall call,
                Actor actor,
                CallAudit.Subject subject,
                Reservation hold,
                ModelProvider provider,
                CompletionRequest request,
                CallScope scope,
                UnaryOperator<String> scrub,
                long started) {
            this.call = call;
            this.actor = actor;
            this.subject = subject;
            this.hold = hold;
            this.provider = provider;
            this.request = request;
            this.scope = scope;
            this.scrub = scrub;
            this.started = started;
        }

        /**
         * The provider's call, its deltas scrubbed on their way to {@code sink}, then settlement and the
         * {@code model.invoke} record. A {@link CancellationException} of {@code sink} (the client left)
         * cancels the call; it is settled, recorded and the exception rethrown.
         */
        public ModelResult run(CompletionSink sink) throws ModelRefusal {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("a prepared model call runs once");
            }
            try {
                CallContext context;
                try {
                    context = egress.context(scope);
                } catch (RuntimeException e) {
                    meter.get().release(call.workspaceId(), hold.id());
                    throw new Refusal(Kind.PROVIDER_UNAVAILABLE, "The egress guard could not open the call.", 0);
                }
                return new Dispatch(
                                call,
                                actor,
                                subject,
                                hold,
                                new Assembler(scrub, sink, holdBack),
                                meter,
                                audit,
                                redactor,
                                executor,
                                maxRetries,
                                clock)
                        .run(provider, request, context, scope.deadline());
            } catch (Refusal refusal) {
                if (!refusal.dispatched) {
                    audit.refused(call, actor, subject, refusal, millisSince(started));
                }
                throw refusal;
            }
        }

        /** Gives the reservation back: the call will not run (the client left before it started). */
        public void abandon() {
            if (used.compareAndSet(false, true)) {
                meter.get().release(call.workspaceId(), hold.id());
            }
        }
    }

    private static void validate(ModelCall call) throws Refusal {
        if (call.messages().isEmpty()) {
            throw refusal(Kind.INVALID, "A call needs at least one message.");
        }
        for (Message message : call.messages()) {
            if (!ROLES.contains(message.role())) {
                throw refusal(Kind.INVALID, "A message's role must be system, user, assistant or tool.");
            }
            if (message.role().equals("tool") && message.toolCallId() == null) {
                throw refusal(Kind.INVALID, "A tool message needs the id of the tool call it answers.");
            }
        }
        if (call.maxTokens() != null && (call.maxTokens() < 1 || call.maxTokens() > Profile.MAX_TOKENS)) {
            throw refusal(Kind.INVALID, "max_tokens must be 1.." + Profile.MAX_TOKENS + ".");
        }
    }

    private Profile profile(ModelCall call) throws Refusal {
        try {
            return profiles.byName(call.workspaceId(), call.profile())
                    .orElseThrow(() -> refusal(Kind.NOT_FOUND, "The workspace has no model profile of this name."));
        } catch (SQLException e) {
            throw new IllegalStateException("model profiles could not be read", e);
        }
    }

    private ModelProvider provider(String workspaceId, String pluginId) throws Refusal {
        Decision decision = policy.decide(pluginId, workspaceId, Risk.READ);
        if (decision == Decision.PLUGIN_NOT_ACTIVE) {
            throw refusal(Kind.PROVIDER_UNAVAILABLE, "The profile's provider plugin is not active.");
        }
        if (!decision.allowed()) {
            throw refusal(Kind.PROVIDER_UNAVAILABLE, "The workspace has not enabled the profile's provider plugin.");
        }
        return providers
                .of(pluginId)
                .orElseThrow(() -> refusal(
                        Kind.PROVIDER_UNAVAILABLE, "The profile's provider plugin offers no model provider now."));
    }

    private EgressRules rules(String workspaceId) throws Refusal {
        try {
            return WorkspaceRules.of(policy, workspaceId);
        } catch (IllegalArgumentException e) {
            throw refusal(Kind.PROVIDER_UNAVAILABLE, "The workspace's egress lists are not valid.");
        }
    }

    private Reservation reserve(ModelCall call, Profile profile, long promptBytes, int maxTokens, Instant deadline)
            throws Refusal {
        try {
            return meter.get()
                    .reserve(new ReserveRequest(
                            call.workspaceId(),
                            profile.name(),
                            profile.pluginId(),
                            profile.model(),
                            promptBytes,
                            maxTokens,
                            deadline,
                            call.runId()));
        } catch (MeterRefusal refused) {
            Kind kind = switch (refused.kind()) {
                case UNPRICED -> Kind.UNPRICED;
                case RATE_LIMITED -> Kind.RATE_LIMITED;
                case BUDGET_EXHAUSTED -> Kind.BUDGET_EXHAUSTED;
            };
            throw new Refusal(kind, refused.getMessage(), refused.retryAfterSeconds());
        }
    }

    /** Every message's content, and the string values of its tool calls' arguments, scrubbed. */
    static List<Message> redact(List<Message> messages, UnaryOperator<String> scrub) {
        List<Message> redacted = new ArrayList<>(messages.size());
        for (Message m : messages) {
            List<ToolCall> calls = new ArrayList<>();
            for (ToolCall c : m.toolCalls()) {
                Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
                c.arguments().forEach((k, v) -> arguments.put(k, scrubValue(v, scrub)));
                calls.add(new ToolCall(c.id(), c.tool(), arguments, c.argumentsError()));
            }
            redacted.add(new Message(m.role(), scrub.apply(m.content()), m.toolCallId(), calls, m.trust()));
        }
        return redacted;
    }

    private static @Nullable Object scrubValue(@Nullable Object value, UnaryOperator<String> scrub) {
        if (value instanceof String s) {
            return scrub.apply(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), scrubValue(v, scrub)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(scrubValue(v, scrub)));
            return copy;
        }
        return value;
    }

    /** UTF-8 bytes of what is sent: the (redacted) messages and the tools' names, descriptions and schemas. */
    static long promptBytes(List<Message> messages, List<ToolDescriptor> tools) {
        long bytes = 0;
        for (Message m : messages) {
            bytes += utf8(m.role()) + utf8(m.content()) + (m.toolCallId() == null ? 0 : utf8(m.toolCallId()));
            for (ToolCall c : m.toolCalls()) {
                bytes += utf8(c.id()) + utf8(c.tool());
                try {
                    bytes += JSON.writeValueAsBytes(c.arguments()).length;
                } catch (JsonProcessingException e) {
                    bytes += utf8(String.valueOf(c.arguments()));
                }
            }
        }
        for (ToolDescriptor tool : tools) {
            bytes += utf8(tool.name()) + utf8(tool.description()) + utf8(tool.inputSchema());
        }
        return bytes;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static Refusal refusal(Kind kind, String message) {
        return new Refusal(kind, message, 0);
    }

    /** A refusal, marked when it was decided after dispatch (its call is on record as {@code model.invoke}). */
    static final class Refusal extends ModelRefusal {
        private static final long serialVersionUID = 1L;

        /** True once the call reached the provider: its record is the {@code model.invoke} one. */
        boolean dispatched;

        Refusal(Kind kind, String message, long retryAfterSeconds) {
            super(kind, message, retryAfterSeconds);
        }
    }
}
