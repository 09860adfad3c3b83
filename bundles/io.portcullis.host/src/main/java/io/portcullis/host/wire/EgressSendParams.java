package io.portcullis.host.wire;

import io.portcullis.spi.EgressRequest;

/** Params of {@code egress.send}, made during the live call {@code call}. */
public record EgressSendParams(String call, EgressRequest request) {}
