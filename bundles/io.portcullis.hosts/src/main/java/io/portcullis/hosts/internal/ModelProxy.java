package io.portcullis.hosts.internal;

import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.ModelCompleteParams;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.RpcErrorInfo;
import io.portcullis.host.wire.StreamBatch;
import io.portcullis.host.wire.StreamClose;
import io.portcullis.host.wire.StreamEvent;
import io.portcullis.host.wire.StreamNext;
import io.portcullis.host.wire.StreamOpened;
import io.portcullis.hosts.HostCallException;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * A hosted plugin's model provider in the core's registry. {@code complete} is one RPC to the host;
 * {@code stream} opens {@code model.stream} and pulls its events ({@code stream.next}) into the core's
 * sink in order until the end, the sink's {@link CancellationException} or the deadline (then {@code
 * stream.close} and {@code call.cancel}). The provider's {@link ModelException} keeps its status and
 * retry-after; every other failure is a {@link HostCallException} with the core's own message.
 */
final class ModelProxy implements ModelProvider {

    /** How long a close of a stream the core gave up on may take. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final HostLink link;
    private final long handle;
    private final Descriptor descriptor;

    ModelProxy(HostLink link, long handle, Descriptor descriptor) {
        this.link = link;
        this.handle = handle;
        this.descriptor = descriptor;
    }

    @Override
    public Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public Completion complete(CompletionRequest request, CallContext context) throws ModelException {
        try {
            return Calls.run(
                    link,
                    what(),
                    context,
                    RpcError.MODEL,
                    (call, deadline) -> link.call(
                            Methods.MODEL_COMPLETE, params(call, context, request), Completion.class, deadline));
        } catch (RpcError e) { // the plugin's ModelException
            throw modelException(e);
        }
    }

    @Override
    public void stream(CompletionRequest request, CallContext context, CompletionSink sink) throws ModelException {
        try {
            Calls.run(link, what(), context, RpcError.MODEL, (call, deadline) -> {
                String stream = link
                        .call(Methods.MODEL_STREAM, params(call, context, request), StreamOpened.class, deadline)
                        .stream();
                pull(stream, deadline, sink);
                return Boolean.TRUE;
            });
        } catch (RpcError e) { // the plugin's ModelException
            throw modelException(e);
        }
    }

    /** Pulls until the end; closes the stream in the host when it stops early for any reason. */
    private void pull(String stream, Instant deadline, CompletionSink sink) throws RpcError, InterruptedException {
        boolean open = true;
        try {
            while (true) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new RpcError(RpcError.TIMEOUT, "the stream did not end before the deadline");
                }
                long wait = Math.min(StreamNext.MAX_WAIT_MILLIS, left);
                StreamBatch batch =
                        link.call(Methods.STREAM_NEXT, new StreamNext(stream, wait), StreamBatch.class, deadline);
                for (StreamEvent event : batch.events()) {
                    tell(sink, event);
                }
                if (batch.end()) {
                    open = false;
                    RpcErrorInfo error = batch.error();
                    if (error != null) {
                        throw error.toRpcError();
                    }
                    return;
                }
            }
        } finally {
            if (open) {
                close(stream);
            }
        }
    }

    private void close(String stream) {
        if (Thread.currentThread().isInterrupted()) {
            return; // call.cancel stops it in the host
        }
        try {
            link.call(
                    Methods.STREAM_CLOSE,
                    new StreamClose(stream),
                    Void.class,
                    Instant.now().plus(CLOSE_WAIT));
        } catch (RpcError e) {
            // the call.cancel that follows stops it in the host too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One event into the core's sink; an event that does not make sense fails the stream. */
    private void tell(CompletionSink sink, @Nullable StreamEvent event) throws RpcError {
        if (event == null) {
            throw invalid();
        }
        switch (String.valueOf(event.type())) {
            case StreamEvent.TEXT -> sink.text(required(event.text()));
            case StreamEvent.TOOL_START ->
                sink.toolCallStart(index(event), required(event.id()), required(event.name()));
            case StreamEvent.TOOL_ARGS -> sink.toolCallArguments(index(event), required(event.text()));
            case StreamEvent.TOOL_CALL -> sink.toolCall(index(event), required(event.call()));
            case StreamEvent.USAGE -> sink.usage(required(event.usage()));
            case StreamEvent.FINISH -> sink.finish(required(event.text()));
            default -> throw invalid();
        }
    }

    private static int index(StreamEvent event) throws RpcError {
        if (event.index() < 0) {
            throw invalid();
        }
        return event.index();
    }

    private static <T> T required(@Nullable T value) throws RpcError {
        if (value == null) {
            throw invalid();
        }
        return value;
    }

    private static RpcError invalid() {
        return new RpcError(RpcError.INVALID_PARAMS, "an invalid stream event");
    }

    private ModelCompleteParams params(String call, CallContext context, CompletionRequest request) {
        return new ModelCompleteParams(
                handle, call, context.workspaceId(), context.deadline().toEpochMilli(), request);
    }

    private String what() {
        return "model provider '" + descriptor.name() + "'";
    }

    /** The plugin's ModelException as the host sent it: message, status, retry-after. */
    private static ModelException modelException(RpcError e) {
        RpcErrorInfo info = RpcErrorInfo.of(e);
        return new ModelException(
                e.getMessage() == null ? "The model provider failed." : e.getMessage(),
                info.status(),
                info.retryAfterSeconds());
    }
}
