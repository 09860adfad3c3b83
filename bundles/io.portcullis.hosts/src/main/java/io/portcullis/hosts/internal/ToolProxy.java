package io.portcullis.hosts.internal;

import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.RiskResult;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.ToolInvokeParams;
import io.portcullis.host.wire.ToolRiskParams;
import io.portcullis.hosts.HostCallException;
import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A hosted plugin's tool in the core's registry. The descriptor is the one the host announced (checked
 * by the {@link ToolDescriptor} constructor); {@code risk} and {@code invoke} are RPCs to the host. A
 * {@code ToolException} of the plugin arrives as a {@code ToolException} with its message; a failure of
 * the host as {@link HostCallException}.
 */
final class ToolProxy implements Tool {

    /** Longer than the core's own 2 s for {@code risk}: the core's guard reports the timeout (and refuses). */
    static final Duration RISK_DEADLINE = Duration.ofMillis(2500);

    private final HostLink link;
    private final long handle;
    private final ToolDescriptor descriptor;

    ToolProxy(HostLink link, long handle, ToolDescriptor descriptor) {
        this.link = link;
        this.handle = handle;
        this.descriptor = descriptor;
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Risk risk(Map<String, @Nullable Object> arguments) {
        try {
            RiskResult result = link.call(
                    Methods.TOOL_RISK,
                    new ToolRiskParams(handle, arguments),
                    RiskResult.class,
                    Instant.now().plus(RISK_DEADLINE));
            if (result.risk() == null) {
                throw new HostCallException(
                        "Plugin '" + link.pluginId() + "' answered no risk for tool '" + descriptor.name() + "'.");
            }
            return result.risk();
        } catch (RpcError e) {
            throw Calls.failure(link, "the risk of tool '" + descriptor.name() + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostCallException("The risk call of tool '" + descriptor.name() + "' was cancelled.");
        }
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException {
        try {
            return Calls.run(
                    link,
                    "tool '" + descriptor.name() + "'",
                    context,
                    RpcError.TOOL,
                    (call, deadline) -> link.call(
                            Methods.TOOL_INVOKE,
                            new ToolInvokeParams(
                                    handle,
                                    call,
                                    context.workspaceId(),
                                    context.deadline().toEpochMilli(),
                                    context.runId(),
                                    arguments),
                            ToolResult.class,
                            deadline));
        } catch (RpcError e) { // the plugin's ToolException
            throw new ToolException(e.getMessage() == null ? "The tool failed." : e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "tool '" + descriptor.name() + "' of plugin host '" + link.pluginId() + "'";
    }
}
