package io.portcullis.host.wire;

import io.portcullis.spi.EgressRequest;

/** Params of {@code egress.stream}, made during the live call {@code call}. */
public record EgressStreamParams(String call, EgressRequest request) {}
