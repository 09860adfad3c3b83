package io.portcullis.host.wire;

import io.portcullis.spi.Channel;

/** Params of {@code channel.deliver}; {@code deadline} in epoch milliseconds. */
public record ChannelDeliverParams(
        long handle, String call, String workspaceId, long deadline, Channel.Outbound message) {}
