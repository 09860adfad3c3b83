package io.portcullis.host.wire;

/** Params of {@code host.ping}. */
public record Ping() {}
