package io.portcullis.tools.internal.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.hosts.HostCallException;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.internal.guard.Guarded;
import io.portcullis.tools.internal.registry.ActiveTool;
import io.portcullis.tools.internal.schema.JsonValues;
import io.portcullis.vault.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns how a call ended into what its caller reads. A result is capped at {@link #MAX_RESULT_BYTES},
 * redacted (for JSON, every string and field name of the parsed tree, so an escaped secret is caught
 * too) and wrapped as untrusted content with its provenance, so later steps treat it as data. Errors
 * carry a code and either the plugin's redacted {@code ToolException} message (itself untrusted) or a
 * fixed text: an unexpected exception's message may hold anything and reaches only the log, by class.
 */
final class Results {

    static final int MAX_RESULT_BYTES = 1024 * 1024;
    static final int MAX_MESSAGE_CHARS = 1000;
    static final String JSON = "application/json";
    static final String TEXT = "text/plain";

    private static final Logger LOG = LoggerFactory.getLogger(Results.class);

    private final Redactor redactor;
    private final Clock clock;

    Results(Redactor redactor, Clock clock) {
        this.redactor = redactor;
        this.clock = clock;
    }

    ToolOutcome.Completed of(Guarded<ToolResult> ended, ActiveTool tool, String workspaceId) {
        String name = tool.registered().name();
        if (ended instanceof Guarded.Returned<ToolResult> r && r.value() != null) {
            return returned(r.value(), tool, workspaceId);
        }
        if (ended instanceof Guarded.Threw<ToolResult> t && t.throwable() instanceof ToolException e) {
            return error("tool_error", message(workspaceId, e.getMessage()), tool, true);
        }
        if (ended instanceof Guarded.Threw<ToolResult> t && t.throwable() instanceof HostCallException e) {
            LOG.warn(
                    "Tool '{}' of plugin '{}' failed in workspace '{}': {}",
                    name,
                    tool.pluginId(),
                    workspaceId,
                    e.getMessage());
            return error("plugin_error", message(workspaceId, e.getMessage()), tool, false);
        }
        if (ended instanceof Guarded.Threw<ToolResult> || ended instanceof Guarded.Returned<ToolResult>) {
            String what = ended instanceof Guarded.Threw<ToolResult> t
                    ? t.throwable().getClass().getName()
                    : "null";
            LOG.warn(
                    "Tool '{}' of plugin '{}' failed in workspace '{}' ({})", name, tool.pluginId(), workspaceId, what);
            return error("plugin_error", "The tool failed unexpectedly.", tool, false);
        }
        if (ended instanceof Guarded.TimedOut<ToolResult>) {
            return error("timeout", "The tool did not finish before its deadline.", tool, false);
        }
        return error("cancelled", "The call was cancelled.", tool, false);
    }

    private ToolOutcome.Completed returned(ToolResult result, ActiveTool tool, String workspaceId) {
        String content = result.content();
        if (content.length() > MAX_RESULT_BYTES
                || (content.length() * 3L > MAX_RESULT_BYTES
                        && content.getBytes(StandardCharsets.UTF_8).length > MAX_RESULT_BYTES)) {
            return error("too_large", "The result is larger than " + MAX_RESULT_BYTES + " bytes.", tool, false);
        }
        JsonNode wrappedContent = null;
        String mediaType = TEXT;
        if (JSON.equals(result.mediaType())) {
            try {
                JsonNode parsed = JsonValues.MAPPER.readTree(content);
                if (parsed != null) {
                    wrappedContent = JsonValues.redacted(parsed, text -> redactor.redact(workspaceId, text));
                    mediaType = JSON;
                }
            } catch (JsonProcessingException e) {
                // not JSON after all: delivered (and redacted) as text
            }
        }
        if (wrappedContent == null) {
            wrappedContent = JsonValues.MAPPER.getNodeFactory().textNode(redactor.redact(workspaceId, content));
        }
        ObjectNode body = JsonValues.MAPPER.createObjectNode().put("status", "ok");
        ObjectNode wrapped = body.putObject("result").put("untrusted", true).put("media_type", mediaType);
        wrapped.set("content", wrappedContent);
        wrapped.set("provenance", provenance(tool));
        return new ToolOutcome.Completed(true, "ok", body);
    }

    private ToolOutcome.Completed error(String code, String message, ActiveTool tool, boolean fromPlugin) {
        ObjectNode body = JsonValues.MAPPER.createObjectNode().put("status", "error");
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        if (fromPlugin) {
            error.put("untrusted", true);
        }
        error.set("provenance", provenance(tool));
        return new ToolOutcome.Completed(false, code, body);
    }

    private ObjectNode provenance(ActiveTool tool) {
        return JsonValues.MAPPER
                .createObjectNode()
                .put("tool", tool.registered().name())
                .put("tool_version", tool.registered().descriptor().version())
                .put("plugin", tool.pluginId())
                .put("plugin_version", tool.registered().ownerVersion())
                .put("produced_at", clock.instant().toString());
    }

    private String message(String workspaceId, @Nullable String message) {
        if (message == null || message.isBlank()) {
            return "The tool failed.";
        }
        String redacted = redactor.redact(workspaceId, message); // before cutting: never half a secret
        return redacted.length() > MAX_MESSAGE_CHARS ? redacted.substring(0, MAX_MESSAGE_CHARS) + "..." : redacted;
    }
}
