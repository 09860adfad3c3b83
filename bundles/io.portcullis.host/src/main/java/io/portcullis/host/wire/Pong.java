package io.portcullis.host.wire;

/** Result of {@code host.ping}: the host's heap in use and its live threads. */
public record Pong(long heapUsedBytes, int threads) {}
