package io.portcullis.host.wire;

/** Params of {@code stream.close} and {@code egress.close}: the puller stopped reading {@code stream}. */
public record StreamClose(String stream) {}
