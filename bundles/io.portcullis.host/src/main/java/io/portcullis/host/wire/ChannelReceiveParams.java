package io.portcullis.host.wire;

import io.portcullis.spi.Channel;

/** Params of {@code channel.receive}; {@code deadline} in epoch milliseconds. */
public record ChannelReceiveParams(
        long handle, String call, String workspaceId, long deadline, Channel.WebhookCall webhook) {}
