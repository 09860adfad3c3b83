package io.portcullis.host.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.host.wire.CallCancel;
import io.portcullis.host.wire.ChannelDeliverParams;
import io.portcullis.host.wire.ChannelReceiveParams;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.ModelCompleteParams;
import io.portcullis.host.wire.Pong;
import io.portcullis.host.wire.RiskResult;
import io.portcullis.host.wire.RpcEndpoint;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.ServiceInfo;
import io.portcullis.host.wire.StreamClose;
import io.portcullis.host.wire.StreamNext;
import io.portcullis.host.wire.StreamOpened;
import io.portcullis.host.wire.ToolInvokeParams;
import io.portcullis.host.wire.ToolRiskParams;
import io.portcullis.host.wire.Wire;
import io.portcullis.spi.Channel;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the core's requests by calling the plugin's services. A plugin's {@link ToolException},
 * {@code ModelException} or {@code ChannelException} answers with its message (the plugin meant it
 * to be shown); anything else it throws answers {@link RpcError#PLUGIN_FAILED} with the class name
 * only, since a message may hold a secret. A {@code ModelException}'s status and retry-after go along
 * as the error's data ({@code status}, {@code retryAfterSeconds}).
 */
final class HostHandler implements RpcEndpoint.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(HostHandler.class);

    private final AtomicReference<@Nullable PluginServices> services = new AtomicReference<>();
    private final AtomicReference<@Nullable RpcEndpoint> core = new AtomicReference<>();
    private final LiveCalls calls = new LiveCalls();
    private final ModelStreams streams = new ModelStreams();

    void connect(RpcEndpoint endpoint) {
        core.set(endpoint);
    }

    void serve(PluginServices plugin) {
        services.set(plugin);
    }

    @Override
    public @Nullable Object request(String method, JsonNode params) throws RpcError {
        switch (method) {
            case Methods.HOST_PING:
                Runtime runtime = Runtime.getRuntime();
                return new Pong(runtime.totalMemory() - runtime.freeMemory(), Thread.activeCount());
            case Methods.TOOL_RISK:
                ToolRiskParams risk = Wire.params(params, ToolRiskParams.class);
                Tool rated = plugin().get(risk.handle(), ServiceInfo.TOOL, Tool.class);
                try {
                    return new RiskResult(rated.risk(arguments(risk.arguments())));
                } catch (Throwable t) { // NOPMD: plugin code
                    throw failure(t);
                }
            case Methods.TOOL_INVOKE:
                return invoke(Wire.params(params, ToolInvokeParams.class));
            case Methods.MODEL_COMPLETE:
                return complete(Wire.params(params, ModelCompleteParams.class));
            case Methods.MODEL_STREAM:
                return stream(Wire.params(params, ModelCompleteParams.class));
            case Methods.STREAM_NEXT:
                return streams.next(Wire.params(params, StreamNext.class));
            case Methods.STREAM_CLOSE:
                streams.close(Wire.params(params, StreamClose.class).stream());
                return null;
            case Methods.CHANNEL_RECEIVE:
                return receive(Wire.params(params, ChannelReceiveParams.class));
            case Methods.CHANNEL_DELIVER:
                return deliver(Wire.params(params, ChannelDeliverParams.class));
            default:
                throw new RpcError(RpcError.METHOD_NOT_FOUND, "unknown method " + method);
        }
    }

    @Override
    public void notification(String method, JsonNode params) {
        if (Methods.CALL_CANCEL.equals(method)) {
            try {
                String call = Wire.params(params, CallCancel.class).call();
                calls.cancel(call);
                streams.cancelCall(call);
            } catch (RpcError e) {
                LOG.warn("Malformed call.cancel ignored");
            }
        } else {
            LOG.debug("Notification '{}' ignored", method);
        }
    }

    private Object invoke(ToolInvokeParams p) throws RpcError {
        Tool tool = plugin().get(p.handle(), ServiceInfo.TOOL, Tool.class);
        RemoteContext context = context(p.call(), p.workspaceId(), p.deadline(), p.runId());
        try (LiveCalls.Span span = calls.enter(p.call())) {
            return tool.invoke(arguments(p.arguments()), context);
        } catch (RpcError e) {
            throw e;
        } catch (Throwable t) { // NOPMD: plugin code
            throw failure(t);
        }
    }

    private Object complete(ModelCompleteParams p) throws RpcError {
        ModelProvider provider = plugin().get(p.handle(), ServiceInfo.MODEL_PROVIDER, ModelProvider.class);
        RemoteContext context = context(p.call(), p.workspaceId(), p.deadline(), "");
        try (LiveCalls.Span span = calls.enter(p.call())) {
            return provider.complete(p.request(), context);
        } catch (RpcError e) {
            throw e;
        } catch (Throwable t) { // NOPMD: plugin code
            throw failure(t);
        }
    }

    private Object stream(ModelCompleteParams p) throws RpcError {
        ModelProvider provider = plugin().get(p.handle(), ServiceInfo.MODEL_PROVIDER, ModelProvider.class);
        RemoteContext context = context(p.call(), p.workspaceId(), p.deadline(), "");
        return new StreamOpened(streams.open(p.call(), calls, sink -> provider.stream(p.request(), context, sink)));
    }

    private Object receive(ChannelReceiveParams p) throws RpcError {
        Channel channel = plugin().get(p.handle(), ServiceInfo.CHANNEL, Channel.class);
        RemoteContext context = context(p.call(), p.workspaceId(), p.deadline(), "");
        try (LiveCalls.Span span = calls.enter(p.call())) {
            return channel.receive(p.webhook(), context);
        } catch (RpcError e) {
            throw e;
        } catch (Throwable t) { // NOPMD: plugin code
            throw failure(t);
        }
    }

    private @Nullable Object deliver(ChannelDeliverParams p) throws RpcError {
        Channel channel = plugin().get(p.handle(), ServiceInfo.CHANNEL, Channel.class);
        RemoteContext context = context(p.call(), p.workspaceId(), p.deadline(), "");
        try (LiveCalls.Span span = calls.enter(p.call())) {
            channel.deliver(p.message(), context);
            return null;
        } catch (RpcError e) {
            throw e;
        } catch (Throwable t) { // NOPMD: plugin code
            throw failure(t);
        }
    }

    private RemoteContext context(String call, String workspaceId, long deadline, String runId) throws RpcError {
        RpcEndpoint endpoint = core.get();
        if (endpoint == null) {
            throw new RpcError(RpcError.INTERNAL, "not connected");
        }
        return new RemoteContext(endpoint, call, workspaceId, Instant.ofEpochMilli(deadline), runId);
    }

    private PluginServices plugin() throws RpcError {
        PluginServices plugin = services.get();
        if (plugin == null) {
            throw new RpcError(RpcError.REFUSED, "the plugin is not ready");
        }
        return plugin;
    }

    private static Map<String, @Nullable Object> arguments(@Nullable Map<String, @Nullable Object> arguments) {
        return arguments == null ? new HashMap<>() : arguments;
    }

    /** What a plugin's exception becomes on the wire. */
    static RpcError failure(Throwable t) {
        if (t instanceof ToolException) {
            return new RpcError(RpcError.TOOL, String.valueOf(t.getMessage()));
        }
        if (t instanceof ModelProvider.ModelException e) {
            ObjectNode data = Wire.mapper().createObjectNode();
            if (e.status() != 0) {
                data.put("status", e.status());
            }
            if (e.retryAfterSeconds() != 0) {
                data.put("retryAfterSeconds", e.retryAfterSeconds());
            }
            return new RpcError(RpcError.MODEL, String.valueOf(t.getMessage()), data.isEmpty() ? null : data);
        }
        if (t instanceof Channel.ChannelException) {
            return new RpcError(RpcError.CHANNEL, String.valueOf(t.getMessage()));
        }
        LOG.warn("Plugin threw {}", t.getClass().getName());
        return new RpcError(RpcError.PLUGIN_FAILED, t.getClass().getName());
    }
}
