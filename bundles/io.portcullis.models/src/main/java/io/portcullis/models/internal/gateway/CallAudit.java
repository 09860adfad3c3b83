package io.portcullis.models.internal.gateway;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelRefusal;
import io.portcullis.spi.ModelProvider.Usage;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of model calls, on the workspace's chain: one {@code model.refused} per refusal (reason
 * code: the refusal's kind in lower case), one {@code model.invoke} per call that reached the provider
 * with its outcome, tokens, cost, latency, profile, plugin and model. Never the prompt or the output.
 */
final class CallAudit {

    static final String INVOKE = "model.invoke";
    static final String REFUSED = "model.refused";

    private static final Logger LOG = LoggerFactory.getLogger(CallAudit.class);

    private final AuditLog log;

    CallAudit(AuditLog log) {
        this.log = log;
    }

    /** What the record says of the call besides its outcome. */
    record Subject(
            String profile,
            @Nullable String pluginId,
            @Nullable String model) {
        String describe() {
            return "profile " + profile + (pluginId == null ? "" : ", plugin " + pluginId)
                    + (model == null ? "" : ", model " + model);
        }
    }

    void refused(ModelCall call, Actor actor, Subject subject, ModelRefusal refusal, long latencyMillis) {
        append(new AuditEvent(
                call.workspaceId(),
                actor,
                REFUSED,
                "model_profile:" + subject.profile(),
                Decision.DENIED,
                refusal.kind().name().toLowerCase(Locale.ROOT),
                subject.describe() + ": " + refusal.getMessage(),
                null,
                refusal.kind().status(),
                latencyMillis,
                call.requestId()));
    }

    /**
     * The record of a call that reached the provider.
     *
     * @param outcome {@code completed}, {@code cancelled}, {@code timeout}, {@code provider_failed}, ...
     */
    void invoked(
            ModelCall call,
            Actor actor,
            Subject subject,
            String outcome,
            int status,
            @Nullable Usage usage,
            @Nullable String usageSource,
            long costMicros,
            long latencyMillis) {
        String tokens = usage == null
                ? "no usage"
                : "input_tokens " + usage.inputTokens() + ", output_tokens " + usage.outputTokens() + " (" + usageSource
                        + ")";
        append(new AuditEvent(
                call.workspaceId(),
                actor,
                INVOKE,
                "model_profile:" + subject.profile(),
                status < 400 ? Decision.ALLOWED : Decision.ERROR,
                outcome,
                subject.describe() + ", " + outcome + ", " + tokens + ", cost_micros " + costMicros
                        + (call.runId() == null ? "" : ", run " + call.runId()),
                null,
                status,
                latencyMillis,
                call.requestId()));
    }

    private void append(AuditEvent event) {
        try {
            log.append(event);
        } catch (AuditUnavailableException | RuntimeException e) {
            LOG.warn(
                    "Model call {} in workspace '{}' ({}) could not be recorded ({})",
                    event.action(),
                    event.workspaceId(),
                    event.reasonCode(),
                    e.getMessage());
        }
    }
}
