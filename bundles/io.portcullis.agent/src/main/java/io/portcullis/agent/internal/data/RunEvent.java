package io.portcullis.agent.internal.data;

import java.time.Instant;

/**
 * An event of a run's stream, as stored for replay.
 *
 * @param seq from 1: the SSE {@code id}, which {@code Last-Event-ID} names
 * @param type {@code run.state}, {@code message.delta}, {@code message.completed}, {@code tool.call},
 *     {@code tool.result}, {@code approval.required}, {@code usage} or {@code run.end}
 * @param data its JSON object (redacted)
 */
public record RunEvent(String runId, long seq, String type, String data, Instant at) {}
