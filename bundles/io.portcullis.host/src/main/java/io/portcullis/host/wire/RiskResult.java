package io.portcullis.host.wire;

import io.portcullis.spi.Risk;

/** Result of {@code tool.risk}. */
public record RiskResult(Risk risk) {}
