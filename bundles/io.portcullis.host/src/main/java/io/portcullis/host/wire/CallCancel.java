package io.portcullis.host.wire;

/** Params of the {@code call.cancel} notification: the core gave up on this call. */
public record CallCancel(String call) {}
