package io.portcullis.host.wire;

/** Params of {@code host.failed}: why the plugin did not start (no secret: shown to the operator). */
public record HostFailed(String reason) {}
