package io.portcullis.host.wire;

/** Answer of {@code model.stream}: the id of the stream to pull with {@code stream.next}. */
public record StreamOpened(String stream) {}
