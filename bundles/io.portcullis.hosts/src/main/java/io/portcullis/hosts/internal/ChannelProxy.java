package io.portcullis.hosts.internal;

import io.portcullis.host.wire.ChannelDeliverParams;
import io.portcullis.host.wire.ChannelReceiveParams;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.RpcError;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.Channel;

/** A hosted plugin's channel in the core's registry; {@code receive} and {@code deliver} are RPCs to the host. */
final class ChannelProxy implements Channel {

    private final HostLink link;
    private final long handle;
    private final Descriptor descriptor;

    ChannelProxy(HostLink link, long handle, Descriptor descriptor) {
        this.link = link;
        this.handle = handle;
        this.descriptor = descriptor;
    }

    @Override
    public Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public Inbound receive(WebhookCall call, CallContext context) throws ChannelException {
        try {
            return Calls.run(
                    link,
                    "channel '" + descriptor.name() + "'",
                    context,
                    RpcError.CHANNEL,
                    (id, deadline) -> link.call(
                            Methods.CHANNEL_RECEIVE,
                            new ChannelReceiveParams(
                                    handle,
                                    id,
                                    context.workspaceId(),
                                    context.deadline().toEpochMilli(),
                                    call),
                            Inbound.class,
                            deadline));
        } catch (RpcError e) { // the plugin's ChannelException
            throw new ChannelException(e.getMessage() == null ? "The channel failed." : e.getMessage());
        }
    }

    @Override
    public void deliver(Outbound message, CallContext context) throws ChannelException {
        try {
            Calls.run(
                    link,
                    "channel '" + descriptor.name() + "'",
                    context,
                    RpcError.CHANNEL,
                    (id, deadline) -> link.call(
                            Methods.CHANNEL_DELIVER,
                            new ChannelDeliverParams(
                                    handle,
                                    id,
                                    context.workspaceId(),
                                    context.deadline().toEpochMilli(),
                                    message),
                            Void.class,
                            deadline));
        } catch (RpcError e) { // the plugin's ChannelException
            throw new ChannelException(e.getMessage() == null ? "The channel failed." : e.getMessage());
        }
    }
}
